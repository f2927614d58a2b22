/** `--model org/name` end to end: fetched from a mock hub on 127.0.0.1 into a cache Python can read, evaluated, reported. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scanCacheDir } from "@huggingface/hub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskResult } from "../../src/results/schema.js";
import { ensureBuilt, runCliProcess } from "../cli-process.js";
import { filesFromFolder } from "../hub/fixtures.js";
import { type MockHub, singleCommitRepo, startMockHub } from "../hub/mock-hub.js";
import { hasShared, sharedPath } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-hub-"));
const repo = "test-org/bert-tiny-rte";
let mock: MockHub;

beforeAll(async () => {
  ensureBuilt();
  if (hasShared) mock = await startMockHub(new Map([[repo, singleCommitRepo(filesFromFolder("bert-tiny-rte"))]]));
});
afterAll(async () => {
  await mock?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!hasShared)("models by hub id", () => {
  it("fetches, evaluates like the local folder, records the commit, and leaves a cache that scanCacheDir reads", async () => {
    const commit = mock.repos.get(repo)?.refs.main ?? "";
    const env = { HF_ENDPOINT: mock.hub.url, HF_HOME: join(tmp, "hf"), HF_HUB_CACHE: "", HF_TOKEN: "", HF_HUB_OFFLINE: "" };
    const out = join(tmp, "out");
    const run = await runCliProcess(
      ["--task", "rte", "--model", repo, "--data-dir", sharedPath("data"), "--output-dir", out, "--no-cache", "--json"],
      undefined,
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    // While downloading, nothing but the results reaches stdout.
    expect((JSON.parse(run.stdout) as { results: TaskResult[] }[])[0]?.results[0]?.model.hub?.commit).toBe(commit);
    const result = JSON.parse(readFileSync(join(out, "rte.json"), "utf8")) as TaskResult;
    expect(result.model.path).toBe(repo);
    expect(result.model.name).toBe("bert-tiny-rte");
    expect(result.model.hub).toEqual({ repo, revision: "main", commit });
    const ref = JSON.parse(readFileSync(sharedPath("fixtures", "refs", "bert-tiny-rte.json"), "utf8")) as {
      splits: { dev: { metrics: { accuracy: number } } };
    };
    expect(Math.abs((result.metrics.accuracy as number) - ref.splits.dev.metrics.accuracy)).toBeLessThanOrEqual(1e-6);

    const cache = await scanCacheDir(join(tmp, "hf", "hub"));
    expect(cache.warnings).toEqual([]);
    expect(cache.repos.map((r) => r.id)).toEqual([{ name: repo, type: "model" }]);
    const revisions = cache.repos[0]?.revisions ?? [];
    expect(revisions.map((r) => ({ commit: r.commitOid, refs: r.refs }))).toEqual([{ commit, refs: ["main"] }]);
    expect(revisions[0]?.files.map((f) => f.path.split("/").pop()).sort()).toEqual(["config.json", "model.onnx", "tokenizer.json", "tokenizer_config.json"]);
    expect(revisions[0]?.files.every((f) => f.blob.path.includes(join("models--test-org--bert-tiny-rte", "blobs")))).toBe(true);

    const report = await runCliProcess(["report", out, "--out", join(tmp, "report.md")], undefined, env);
    expect(report.code, report.stderr).toBe(0);
    expect(readFileSync(join(tmp, "report.md"), "utf8")).toContain(`\`${repo}@${commit}\` \`model.onnx\``);

    mock.clear();
    const again = await runCliProcess(
      ["--task", "rte", "--model", repo, "--data-dir", sharedPath("data"), "--output-dir", join(tmp, "out2"), "--no-cache"],
      undefined,
      env,
    );
    expect(again.code, again.stderr).toBe(0);
    expect(mock.log()).toHaveLength(1);
    expect(mock.log()[0]).toMatch(new RegExp(`^hub GET /api/models/${repo}/revision/main\\?`));
  });
});

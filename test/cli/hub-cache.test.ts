/**
 * A model that Python's huggingface_hub put in the cache (blobs/, snapshots/<commit>/ of
 * relative links, refs/main, .locks/) is evaluated without a download: offline with no
 * request at all, online with the one metadata request that resolves main.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskResult } from "../../src/results/schema.js";
import { ensureBuilt, runCliProcess } from "../cli-process.js";
import { filesFromFolder, snapshotEntries } from "../hub/fixtures.js";
import { gitBlobSha1, isLfs, type MockHub, sha256Hex, singleCommitRepo, startMockHub } from "../hub/mock-hub.js";
import { hasShared, sharedPath } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-pycache-"));
const repo = "test-org/bert-tiny-rte";
const hubCache = join(tmp, "hf", "hub");
let mock: MockHub;
let commit: string;

/** The layout huggingface_hub's hf_hub_download writes. */
function layOutAsPython(files: Map<string, Uint8Array>): void {
  const repoDir = join(hubCache, "models--test-org--bert-tiny-rte");
  mkdirSync(join(hubCache, ".locks", "models--test-org--bert-tiny-rte"), { recursive: true });
  for (const [path, data] of files) {
    const blob = join(repoDir, "blobs", isLfs(path) ? sha256Hex(data) : gitBlobSha1(data));
    mkdirSync(dirname(blob), { recursive: true });
    writeFileSync(blob, data);
    const link = join(repoDir, "snapshots", commit, path);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), blob), link);
  }
  mkdirSync(join(repoDir, "refs"), { recursive: true });
  writeFileSync(join(repoDir, "refs", "main"), commit);
}

beforeAll(async () => {
  ensureBuilt();
  if (!hasShared) return;
  const files = filesFromFolder("bert-tiny-rte");
  mock = await startMockHub(new Map([[repo, singleCommitRepo(files)]]));
  commit = mock.repos.get(repo)?.refs.main ?? "";
  layOutAsPython(files);
});
afterAll(async () => {
  await mock?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function evaluate(out: string, offline: boolean): Promise<TaskResult> {
  const env = { HF_ENDPOINT: mock.hub.url, HF_HOME: join(tmp, "hf"), HF_HUB_CACHE: "", HF_TOKEN: "", HF_HUB_OFFLINE: offline ? "1" : "" };
  const run = await runCliProcess(["--task", "rte", "--model", repo, "--data-dir", sharedPath("data"), "--output-dir", out, "--no-cache"], undefined, env);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(readFileSync(join(out, "rte.json"), "utf8")) as TaskResult;
}

describe.skipIf(!hasShared)("the hub cache Python laid out", () => {
  it("is evaluated with HF_HUB_OFFLINE=1 without a request, and online with one metadata request, and is left as it was", async () => {
    const before = await snapshotEntries(hubCache);
    const ref = JSON.parse(readFileSync(sharedPath("fixtures", "refs", "bert-tiny-rte.json"), "utf8")) as {
      splits: { dev: { metrics: { accuracy: number } } };
    };

    const offline = await evaluate(join(tmp, "offline"), true);
    expect(mock.log()).toEqual([]);
    expect(offline.model.hub).toEqual({ repo, revision: "main", commit });
    expect(Math.abs((offline.metrics.accuracy as number) - ref.splits.dev.metrics.accuracy)).toBeLessThanOrEqual(1e-6);

    const online = await evaluate(join(tmp, "online"), false);
    expect(mock.log().map((l) => l.split("?")[0])).toEqual([`hub GET /api/models/${repo}/revision/main`]);
    expect(online.metrics).toEqual(offline.metrics);
    expect(online.model.sha256).toBe(offline.model.sha256);
    expect(await snapshotEntries(hubCache)).toEqual(before);
  });
});

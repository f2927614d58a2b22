/**
 * `glue-eval card --push org/name` against a local mock of the hub: one pull request with the
 * `.eval_results` files and the README whose front matter gains the model-index (the rest of
 * the README kept), opened from the commit the README was read at; main never moves.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ensureBuilt, runCliProcess } from "../cli-process.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL } from "../examples.js";
import { runCaptured } from "../factories/cli.js";
import { isolatedHfHome } from "../hub/fixtures.js";
import { type MockHub, type MockRepo, singleCommitRepo, startMockHub } from "../hub/mock-hub.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-card-push-"));
const results = join(tmp, "results");
const README = `---
license: mit
tags:
  - glue # the benchmark
model-index:
  - name: test-org/bert-tiny-sst2
    results:
      - task: { type: text-classification }
        dataset: { name: IMDB, type: stanfordnlp/imdb, split: test }
        metrics: [{ type: accuracy, value: 0.5 }]
      - task: { type: text-classification }
        dataset: { name: GLUE SST2, type: nyu-mll/glue, config: sst2, split: validation }
        metrics: [{ type: accuracy, value: 0.1 }]
---
# bert-tiny-sst2

A tiny model.
`;
const files = (extra: Record<string, string>) => new Map(Object.entries({ "config.json": "{}\n", ...extra }).map(([k, v]) => [k, Buffer.from(v)]));

let mock: MockHub;
let env: Awaited<ReturnType<typeof isolatedHfHome>>;
let repos: Map<string, MockRepo>;
beforeAll(async () => {
  ensureBuilt();
  const run = await runCliProcess([
    "--task",
    "sst2",
    "--model",
    EXAMPLE_MODEL,
    "--data-dir",
    EXAMPLE_DATA,
    "--output-dir",
    results,
    "--cache-dir",
    join(tmp, "cache"),
    "--no-progress",
  ]);
  expect(run.code, run.stderr).toBe(0);
}, 60_000);
beforeEach(async () => {
  repos = new Map([
    ["test-org/bert-tiny-sst2", singleCommitRepo(files({ "README.md": README }))],
    ["test-org/no-readme", singleCommitRepo(files({}))],
  ]);
  mock = await startMockHub(repos);
  env = await isolatedHfHome();
  process.env.HF_ENDPOINT = mock.hub.url;
  process.env.HF_TOKEN = "hf_secret";
});
afterEach(async () => {
  await env.restore();
  await mock.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const prFile = (repo: MockRepo, path: string): string | undefined => {
  const data = repo.commits.get(repo.refs["refs/pr/1"] ?? "")?.get(path);
  return data === undefined ? undefined : Buffer.from(data).toString("utf8");
};

function frontMatter(readme: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)---\n/.exec(readme);
  if (match === null) throw new Error("no front matter");
  return { data: parse(match[1] as string, { version: "1.1" }) as Record<string, unknown>, body: readme.slice(match[0].length) };
}

describe("glue-eval card --push", () => {
  it("opens a pull request with .eval_results/sst2.yaml and the README; main stays where it was", async () => {
    const repo = repos.get("test-org/bert-tiny-sst2") as MockRepo;
    const main = repo.refs.main;
    const out = join(tmp, "pushed");
    const run = await runCaptured(["card", results, "--out", out, "--push", "test-org/bert-tiny-sst2"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`opened ${mock.hub.url}/test-org/bert-tiny-sst2/discussions/1 (.eval_results/sst2.yaml, README.md)`);
    expect(repo.refs.main).toBe(main);
    expect(repo.pullRequests).toEqual([expect.objectContaining({ num: 1, ref: "refs/pr/1", parent: main, title: "Evaluation results: sst2 (glue-eval)" })]);
    expect(prFile(repo, ".eval_results/sst2.yaml")).toBe(readFileSync(join(out, ".eval_results", "sst2.yaml"), "utf8"));
    const writes = mock.log().filter((line) => line.startsWith("hub POST") && !line.includes("paths-info"));
    expect(writes.map((line) => line.split(" ")[2])).toEqual([
      "/api/models/test-org/bert-tiny-sst2/preupload/main?create_pr=1",
      "/api/models/test-org/bert-tiny-sst2/commit/main?create_pr=1",
    ]);
    expect(writes.every((line) => line.includes("authorization=Bearer hf_se…"))).toBe(true);
  });

  it("the README keeps its metadata, comments and text; the model-index keeps other datasets and replaces SST-2", async () => {
    const run = await runCaptured(["card", results, "--out", join(tmp, "pushed-readme"), "--push", "test-org/bert-tiny-sst2"]);
    expect(run.code, run.stderr).toBe(0);
    const readme = prFile(repos.get("test-org/bert-tiny-sst2") as MockRepo, "README.md") ?? "";
    const { data, body } = frontMatter(readme);
    expect(body).toBe("# bert-tiny-sst2\n\nA tiny model.\n");
    expect(readme).toContain("  - glue # the benchmark\n");
    const ours = (parse(readFileSync(join(tmp, "pushed-readme", "model-index.yaml"), "utf8")) as { "model-index": { results: unknown[] }[] })["model-index"];
    expect(data.license).toBe("mit");
    expect(data["model-index"]).toEqual([
      {
        name: "test-org/bert-tiny-sst2",
        results: [
          {
            task: { type: "text-classification" },
            dataset: { name: "IMDB", type: "stanfordnlp/imdb", split: "test" },
            metrics: [{ type: "accuracy", value: 0.5 }],
          },
          ...(ours[0]?.results ?? []),
        ],
      },
    ]);
  });

  it("a repository without a README gets one holding the model-index", async () => {
    const run = await runCaptured(["card", results, "--out", join(tmp, "no-readme"), "--push", "test-org/no-readme"]);
    expect(run.code, run.stderr).toBe(0);
    const readme = prFile(repos.get("test-org/no-readme") as MockRepo, "README.md") ?? "";
    expect(readme).toBe(
      `---\n${readFileSync(join(tmp, "no-readme", "model-index.yaml"), "utf8").replace("name: bert-tiny-sst2", "name: test-org/no-readme")}---\n`,
    );
  });

  it.each([
    ["without a token", { HF_TOKEN: "" }, 2, "--push needs a hub token with write access: set HF_TOKEN or run huggingface-cli login"],
    ["offline", { HF_HUB_OFFLINE: "1" }, 2, "--push needs the hub, but HF_HUB_OFFLINE is set"],
  ])("%s: exits %i before writing anything or asking the hub", async (_what, vars, code, message) => {
    Object.assign(process.env, vars);
    const out = join(tmp, "refused");
    const run = await runCaptured(["card", results, "--out", out, "--push", "test-org/bert-tiny-sst2"]);
    expect(run.code).toBe(code);
    expect(run.stderr).toBe(`glue-eval: error: ${message}\n`);
    expect(existsSync(out)).toBe(false);
    expect(mock.log()).toEqual([]);
  });

  it("a token the hub refuses: one line with the HTTP status and what the token needs; no pull request", async () => {
    process.env.HF_TOKEN = "hf_readonly";
    const repo = repos.get("test-org/bert-tiny-sst2") as MockRepo;
    const run = await runCaptured(["card", results, "--out", join(tmp, "refused-token"), "--push", "test-org/bert-tiny-sst2"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /\nglue-eval: error: test-org\/bert-tiny-sst2: http:\/\/127\.0\.0\.1:\d+ answered HTTP 401 \(.*\); the token \(HF_TOKEN\) needs write access, .*\n$/,
    );
    expect(repo.pullRequests).toBeUndefined();
  });
});

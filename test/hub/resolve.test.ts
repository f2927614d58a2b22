/** resolveModel against a mock hub and CDN that answer what @huggingface/hub sends: layout, requests, token, resume, integrity. */
import { writeFile, mkdir, readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GlueEvalError } from "../../src/errors.js";
import { defaultHubCache } from "../../src/hub/env.js";
import { resolveModel } from "../../src/hub/resolve.js";
import { hasShared, sharedPath } from "../shared.js";
import { snapshotEntries, useMockHub } from "./fixtures.js";
import { gitBlobSha1, sha256Hex } from "./mock-hub.js";
import { listFiles } from "../download/server.js";

describe.skipIf(!hasShared)("hub models through @huggingface/hub", () => {
  const mocked = useMockHub();
  const commitOf = (repo: string) => mocked.mock.repos.get(repo)?.refs.main ?? "";
  const bytesOf = (repo: string, path: string) => mocked.mock.repos.get(repo)?.commits.get(commitOf(repo))?.get(path) ?? new Uint8Array();
  const cacheOf = (repo: string) => join(mocked.env.hfHome, "hub", `models--${repo.replace("/", "--")}`);

  it("lays the model out as huggingface_hub does, then needs one metadata request and nothing else", async () => {
    const repo = "test-org/bert-tiny-sst2";
    const { dir, hub } = await resolveModel(repo, { dtype: "q8" });
    const commit = commitOf(repo);
    expect(defaultHubCache()).toBe(join(mocked.env.hfHome, "hub"));
    expect(dir).toBe(join(cacheOf(repo), "snapshots", commit));
    expect(hub).toEqual({ repo, revision: "main", commit });
    expect(await readFile(join(cacheOf(repo), "refs", "main"), "utf8")).toBe(commit);
    const graph = bytesOf(repo, "onnx/model_quantized.onnx");
    expect(await snapshotEntries(dir)).toEqual([
      { path: "config.json", link: `../../blobs/${gitBlobSha1(bytesOf(repo, "config.json"))}` },
      { path: "onnx/model_quantized.onnx", link: `../../../blobs/${sha256Hex(graph)}` },
      { path: "tokenizer.json", link: `../../blobs/${gitBlobSha1(bytesOf(repo, "tokenizer.json"))}` },
      { path: "tokenizer_config.json", link: `../../blobs/${gitBlobSha1(bytesOf(repo, "tokenizer_config.json"))}` },
    ]);
    const reference = await readFile(sharedPath("fixtures", "models", "bert-tiny-sst2", "onnx", "model_quantized.onnx"));
    expect((await readFile(join(dir, "onnx", "model_quantized.onnx"))).equals(reference)).toBe(true);
    // Only the chosen graph: not the fp32 one.
    expect(mocked.mock.log().filter((l) => l.includes("onnx/model.onnx"))).toEqual([]);
    expect(mocked.mock.log().filter((l) => l.startsWith("hub POST"))).toHaveLength(1);

    mocked.mock.clear();
    expect((await resolveModel(repo, { dtype: "q8" })).dir).toBe(dir);
    expect(mocked.mock.log()).toEqual([
      `hub GET /api/models/${repo}/revision/main?expand=pipeline_tag&expand=private&expand=gated&expand=downloads&expand=likes&expand=lastModified&expand=sha&expand=siblings`,
    ]);
  });

  it("fetches the external weights of an optimum-layout graph, and only that layout", async () => {
    const repo = "test-org/optimum-tiny";
    const cacheDir = join(mocked.env.hfHome, "elsewhere");
    const { dir } = await resolveModel(repo, { dtype: "fp32", settings: { cacheDir } });
    expect(dir).toBe(join(cacheDir, `models--test-org--optimum-tiny`, "snapshots", commitOf(repo)));
    expect((await snapshotEntries(dir)).map((e) => e.path)).toEqual([
      "config.json",
      "model.onnx",
      "model.onnx_data",
      "tokenizer.json",
      "tokenizer_config.json",
    ]);
    expect(sha256Hex(await readFile(join(dir, "model.onnx_data")))).toBe(sha256Hex(bytesOf(repo, "model.onnx_data")));
    expect(mocked.mock.log().some((l) => l.includes("/onnx/"))).toBe(false);
  });

  it("sends the token to the hub and never to the CDN, also on a resumed Range request", async () => {
    process.env.HF_TOKEN = "hf_secret";
    const repo = "test-org/bert-tiny-sst2";
    const blob = `/blobs/${sha256Hex(bytesOf(repo, "onnx/model.onnx"))}`;
    mocked.mock.dropNext.set(blob, 1_500_000);
    const { dir } = await resolveModel(repo, { dtype: "fp32" });
    expect(sha256Hex(await readFile(join(dir, "onnx", "model.onnx")))).toBe(sha256Hex(bytesOf(repo, "onnx/model.onnx")));
    expect(mocked.mock.hub.requests.every((r) => r.authorization === "Bearer hf_secret")).toBe(true);
    expect(mocked.mock.cdn.requests.length).toBeGreaterThan(0);
    expect(mocked.mock.cdn.requests.every((r) => r.authorization === undefined)).toBe(true);
    const gets = mocked.mock.cdn.requests.filter((r) => r.path === blob && r.range !== "bytes=0-0");
    expect(gets.map((r) => r.range === undefined)).toEqual([true, false]);
    // Resumed from what reached the disk before the cut (at most the 1.5 MB sent), to the end.
    const [, start, end] = /^bytes=(\d+)-(\d+)$/.exec(gets[1]?.range ?? "") ?? [];
    expect(Number(start)).toBeGreaterThan(0);
    expect(Number(start)).toBeLessThanOrEqual(1_500_000);
    expect(Number(end)).toBe(bytesOf(repo, "onnx/model.onnx").length - 1);
  });

  it("resumes a blob an earlier run (glue-eval's or Python's) left incomplete", async () => {
    const repo = "test-org/bert-tiny-sst2";
    const data = bytesOf(repo, "onnx/model.onnx");
    await mkdir(join(cacheOf(repo), "blobs"), { recursive: true });
    await writeFile(join(cacheOf(repo), "blobs", `${sha256Hex(data)}.incomplete`), data.subarray(0, 1_000_000));
    const { dir } = await resolveModel(repo, { dtype: "fp32" });
    expect(sha256Hex(await readFile(join(dir, "onnx", "model.onnx")))).toBe(sha256Hex(data));
    const gets = mocked.mock.cdn.requests.filter((r) => r.path === `/blobs/${sha256Hex(data)}` && r.range !== "bytes=0-0");
    expect(gets.map((r) => r.range)).toEqual([`bytes=1000000-${data.length - 1}`]);
    expect((await readdir(join(cacheOf(repo), "blobs"))).filter((f) => f.endsWith(".incomplete"))).toEqual([]);
  });

  it.each([
    ["other bytes", "tamper", /^test-org\/bert-tiny-sst2\/onnx\/model_quantized\.onnx: sha256 mismatch: expected [0-9a-f]{64}, got [0-9a-f]{64}$/],
    ["more bytes", "grow", /^test-org\/bert-tiny-sst2\/onnx\/model_quantized\.onnx: the hub lists \d+ bytes but serves \d+$/],
  ] as const)("refuses a graph served with %s and leaves nothing of it behind", async (_, how, message) => {
    const repo = "test-org/bert-tiny-sst2";
    const blob = `/blobs/${sha256Hex(bytesOf(repo, "onnx/model_quantized.onnx"))}`;
    (how === "tamper" ? mocked.mock.tamper : mocked.mock.grow).add(blob);
    try {
      const error = await resolveModel(repo, { dtype: "q8" }).catch((e: unknown) => e);
      expect((error as GlueEvalError).code).toBe("INTEGRITY");
      expect((error as Error).message).toMatch(message);
      // Only the git files' blobs (40 hex digits): no graph blob, no .incomplete.
      expect((await listFiles(join(cacheOf(repo), "blobs"))).filter((f) => !/^[0-9a-f]{40}$/.test(f))).toEqual([]);
      expect((await snapshotEntries(join(cacheOf(repo), "snapshots"))).filter((e) => e.path.includes("onnx"))).toEqual([]);
      expect(await listFiles(join(cacheOf(repo), "refs"))).toEqual([]);
    } finally {
      mocked.mock.tamper.delete(blob);
      mocked.mock.grow.delete(blob);
    }
  });

  it("names the repo and the endpoint on one line when the repo does not exist, and writes nothing", async () => {
    const error = (await resolveModel("nobody/missing-model", { dtype: "fp32" }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      new RegExp(
        `^nobody/missing-model: ${mocked.mock.hub.url} answered HTTP 404 for revision "main" \\(Repository not found\\); if the repository is private or gated, set HF_TOKEN$`,
      ),
    );
    expect(await listFiles(mocked.env.hfHome)).toEqual([]);
  });

  it("explains which graph files were tried", async () => {
    await expect(resolveModel("test-org/deberta-int8-only", { dtype: "fp32" })).rejects.toThrow(/no fp32 ONNX graph .*tried model\.onnx, onnx\/model\.onnx/);
    expect(mocked.mock.cdn.requests).toEqual([]);
  });

  it("reads a private repository with the token file under HF_HOME, and says to set HF_TOKEN without one", async () => {
    await expect(resolveModel("test-org/private-tiny", { dtype: "fp32" })).rejects.toThrow(/answered HTTP 401 .*set HF_TOKEN$/);
    await writeFile(join(mocked.env.hfHome, "token"), "hf_secret\n");
    const { dir } = await resolveModel("test-org/private-tiny", { dtype: "fp32" });
    expect((await snapshotEntries(dir)).map((e) => e.path)).toContain("model.onnx");
    expect(mocked.mock.hub.requests.at(-1)?.authorization).toBe("Bearer hf_secret");
  });

  it("refuses a token the library does not accept, on one line", async () => {
    process.env.HF_TOKEN = "not-a-token";
    await expect(resolveModel("test-org/bert-tiny-sst2", { dtype: "fp32" })).rejects.toThrow(
      /^test-org\/bert-tiny-sst2: the hub token \(HF_TOKEN or the token file under HF_HOME\) must start with "hf_"$/,
    );
  });

  it("refuses traversal in ids, revisions and commit ids before it writes anything", async () => {
    for (const id of ["../x", "org/..", "a/b/c", "org--x/y", "org/.hidden/../x", "/abs/olute"]) {
      await expect(resolveModel(id, { dtype: "fp32" })).rejects.toThrow(/not a folder, and not a hub model id/);
    }
    for (const revision of ["../../etc", "main/../x", "/abs", "a\\b", "a//b", "."]) {
      await expect(resolveModel("test-org/bert-tiny-sst2", { dtype: "fp32", revision })).rejects.toThrow(/invalid revision/);
    }
    expect(mocked.mock.log()).toEqual([]);
    await expect(resolveModel("test-org/hostile", { dtype: "fp32" })).rejects.toThrow(/gave no valid commit for revision "main"/);
    expect(await listFiles(mocked.env.hfHome)).toEqual([]);
  });

  it("says on one line that the cache cannot be written", async () => {
    const file = join(mocked.env.hfHome, "not-a-folder");
    await writeFile(file, "");
    const error = (await resolveModel("test-org/bert-tiny-sst2", { dtype: "q8", settings: { cacheDir: file } }).catch((e: unknown) => e)) as GlueEvalError;
    expect(error.code).toBe("IO");
    expect(error.message).toMatch(
      /^.*not-a-folder\/models--test-org--bert-tiny-sst2: cannot write the hub cache \(a file is in the way of its folder\); point HF_HUB_CACHE or HF_HOME at a writable folder$/,
    );
  });

  it("returns an existing folder unchanged", async () => {
    const folder = sharedPath("fixtures", "models", "bert-tiny-cola");
    expect(await resolveModel(folder, { dtype: "fp32" })).toEqual({ dir: folder, hub: null });
    expect(mocked.mock.log()).toEqual([]);
  });
});

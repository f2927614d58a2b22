/** Revisions (branch, tag, commit), HF_HUB_OFFLINE and an unreachable endpoint, against the mock hub. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveModel } from "../../src/hub/resolve.js";
import { hasShared } from "../shared.js";
import { useMockHub } from "./fixtures.js";
import { sha256Hex } from "./mock-hub.js";
import { listFiles } from "../download/server.js";

describe.skipIf(!hasShared)("hub revisions and offline use", () => {
  const mocked = useMockHub();
  const repo = "test-org/history";
  const refs = () => mocked.mock.repos.get(repo)?.refs ?? {};
  const repoDir = () => join(mocked.env.hfHome, "hub", "models--test-org--history");

  it("resolves a branch and a tag to their commits, each with its ref, sharing the blobs they have in common", async () => {
    const main = await resolveModel(repo, { dtype: "fp32" });
    const tag = await resolveModel(repo, { dtype: "fp32", revision: "v1.0" });
    expect(main.hub).toEqual({ repo, revision: "main", commit: refs().main });
    expect(tag.hub).toEqual({ repo, revision: "v1.0", commit: refs()["v1.0"] });
    expect(tag.dir).toBe(join(repoDir(), "snapshots", refs()["v1.0"] ?? ""));
    expect(await readFile(join(repoDir(), "refs", "v1.0"), "utf8")).toBe(refs()["v1.0"]);
    expect(await readFile(join(repoDir(), "refs", "main"), "utf8")).toBe(refs().main);
    expect(await readFile(join(tag.dir, "tokenizer_config.json"))).not.toEqual(await readFile(join(main.dir, "tokenizer_config.json")));
    // The graph is the same blob in both commits: fetched once.
    const graph = mocked.mock.cdn.requests.filter((r) => r.range !== "bytes=0-0");
    expect(graph).toHaveLength(1);
    const modelInfoCalls = mocked.mock.hub.requests.filter((r) => r.path.startsWith("/api/models/") && r.method === "GET");
    expect(modelInfoCalls.map((r) => r.path)).toEqual([`/api/models/${repo}/revision/main`, `/api/models/${repo}/revision/v1.0`]);
  });

  it("names a revision the hub does not know, on one line", async () => {
    await expect(resolveModel(repo, { dtype: "fp32", revision: "v9" })).rejects.toThrow(
      new RegExp(
        `^${repo}: ${mocked.mock.hub.url} answered HTTP 404 for revision "v9" \\(Invalid rev id: v9\\); if the repository is private or gated, set HF_TOKEN$`,
      ),
    );
    expect(mocked.mock.cdn.requests).toEqual([]);
  });

  it("takes a commit, and once it is cached uses it without a request and without writing a ref", async () => {
    const commit = refs()["v1.0"] ?? "";
    const first = await resolveModel(repo, { dtype: "fp32", revision: commit });
    expect(first).toEqual({ dir: join(repoDir(), "snapshots", commit), hub: { repo, revision: commit, commit } });
    expect(await listFiles(join(repoDir(), "refs"))).toEqual([]);
    mocked.mock.clear();
    expect(await resolveModel(repo, { dtype: "fp32", revision: commit })).toEqual(first);
    expect(mocked.mock.log()).toEqual([]);
  });

  it("with HF_HUB_OFFLINE=1 uses refs/<revision> and makes no request", async () => {
    const online = await resolveModel(repo, { dtype: "fp32", revision: "v1.0" });
    mocked.mock.clear();
    process.env.HF_HUB_OFFLINE = "1";
    expect(await resolveModel(repo, { dtype: "fp32", revision: "v1.0" })).toEqual(online);
    expect(mocked.mock.log()).toEqual([]);
  });

  it("with HF_HUB_OFFLINE=1 names the variable when the model or the revision is not cached, on one line", async () => {
    process.env.HF_HUB_OFFLINE = "1";
    const error = (await resolveModel(repo, { dtype: "fp32" }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      `${repo}: HF_HUB_OFFLINE is set, and the hub cache has no revision "main" of it (${repoDir()}); unset HF_HUB_OFFLINE to fetch it`,
    );
    delete process.env.HF_HUB_OFFLINE;
    await resolveModel(repo, { dtype: "fp32" });
    process.env.HF_HUB_OFFLINE = "yes";
    await expect(resolveModel(repo, { dtype: "fp32", revision: "v1.0" })).rejects.toThrow(/HF_HUB_OFFLINE is set, and the hub cache has no revision "v1.0"/);
    await expect(resolveModel(repo, { dtype: "q8" })).rejects.toThrow(
      /HF_HUB_OFFLINE is set, and the cached snapshot .* lacks model_quantized\.onnx or onnx\/model_quantized\.onnx/,
    );
    expect(mocked.mock.log().filter((l) => l.includes("v1.0") || l.includes("quantized"))).toEqual([]);
  });

  it("falls back to the cached commit with a warning when the endpoint cannot be reached, and fails on one line without one", async () => {
    const online = await resolveModel(repo, { dtype: "fp32" });
    process.env.HF_ENDPOINT = "http://127.0.0.1:9";
    const warnings: string[] = [];
    expect(await resolveModel(repo, { dtype: "fp32", warn: (m) => warnings.push(m) })).toEqual(online);
    expect(warnings).toEqual([`${repo}: the hub cannot be reached; using the cached commit ${refs().main} of revision "main"`]);
    const error = (await resolveModel("test-org/bert-tiny-sst2", { dtype: "fp32" }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /^test-org\/bert-tiny-sst2: cannot reach http:\/\/127\.0\.0\.1:9 \(.+\); with the model in the cache, HF_HUB_OFFLINE=1 runs without the network$/,
    );
    expect(error.message).not.toContain("\n");
  });

  it("links a file whose blob Python already holds instead of fetching it again", async () => {
    await resolveModel(repo, { dtype: "fp32", revision: "v1.0" });
    const graph =
      mocked.mock.repos
        .get(repo)
        ?.commits.get(refs().main ?? "")
        ?.get("model.onnx") ?? new Uint8Array();
    mocked.mock.clear();
    await resolveModel(repo, { dtype: "fp32" });
    expect(mocked.mock.cdn.requests).toEqual([]);
    expect(mocked.mock.log().filter((l) => l.includes("resolve/"))).toEqual([
      `hub GET /${repo}/resolve/${refs().main}/tokenizer_config.json range=bytes=0-0 accept=application/vnd.xet-fileinfo+json, */*`,
      `hub GET /${repo}/resolve/${refs().main}/tokenizer_config.json`,
    ]);
    expect(await listFiles(join(repoDir(), "blobs"))).toContain(sha256Hex(graph));
  });
});

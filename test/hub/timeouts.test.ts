/**
 * A hub that cannot hang a run. Before, no hub request had a timeout: an endpoint that took the
 * connection and never answered blocked a run for 301 s before it fell back to the cache
 * (huggingface_hub gives up after 10 s), and a CDN that dripped a byte every 2 s never ended.
 * Now the metadata requests wait HF_HUB_ETAG_TIMEOUT and the downloads HF_HUB_DOWNLOAD_TIMEOUT
 * (1 s here, to keep the tests fast); a stalled download is cut and resumed with Range, up to
 * the attempt limit, and then given up with one line (the partial blob kept for the next run).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveModel } from "../../src/hub/resolve.js";
import { hasShared } from "../shared.js";
import { useMockHub } from "./fixtures.js";
import { sha256Hex } from "./mock-hub.js";

const KEYS = ["HF_HUB_ETAG_TIMEOUT", "HF_HUB_DOWNLOAD_TIMEOUT"] as const;
const saved = KEYS.map((key) => [key, process.env[key]] as const);
beforeAll(() => {
  for (const key of KEYS) process.env[key] = "1";
});
afterAll(() => {
  for (const [key, value] of saved) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe.skipIf(!hasShared)("hub requests with timeouts", () => {
  const mocked = useMockHub();
  const repo = "test-org/bert-tiny-sst2";
  const commit = () => mocked.mock.repos.get(repo)?.refs.main ?? "";
  const graph = () => mocked.mock.repos.get(repo)?.commits.get(commit())?.get("onnx/model_quantized.onnx") ?? new Uint8Array();
  const blobs = () => join(mocked.env.hfHome, "hub", `models--${repo.replace("/", "--")}`, "blobs");

  it("give up on a hub that never answers after HF_HUB_ETAG_TIMEOUT, and use the cached snapshot", async () => {
    const { dir } = await resolveModel(repo, { dtype: "q8" });
    mocked.mock.hang.on = true;
    try {
      const warnings: string[] = [];
      const started = Date.now();
      const again = await resolveModel(repo, { dtype: "q8", warn: (m) => warnings.push(m) });
      expect(again.dir).toBe(dir);
      expect(warnings).toEqual([`${repo}: the hub cannot be reached; using the cached commit ${commit()} of revision "main"`]);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      mocked.mock.hang.on = false;
    }
  }, 30_000);

  it("say so on one line when nothing is cached", async () => {
    mocked.mock.hang.on = true;
    try {
      const error = (await resolveModel(repo, { dtype: "q8" }).catch((e: unknown) => e)) as Error;
      const host = new URL(mocked.mock.hub.url).host;
      expect(error.message).toBe(
        `${repo}: cannot reach ${mocked.mock.hub.url} (${host} sent no answer in 1 s); with the model in the cache, HF_HUB_OFFLINE=1 runs without the network`,
      );
    } finally {
      mocked.mock.hang.on = false;
    }
  }, 30_000);

  it("cut a download that goes silent and resume it with Range", async () => {
    const path = `/blobs/${sha256Hex(graph())}`;
    mocked.mock.stallNext.set(path, 300_000);
    const { dir } = await resolveModel(repo, { dtype: "q8" });
    expect(sha256Hex(await readFile(join(dir, "onnx", "model_quantized.onnx")))).toBe(sha256Hex(graph()));
    const gets = mocked.mock.cdn.requests.filter((r) => r.path === path && r.range !== "bytes=0-0");
    expect(gets.map((r) => r.range)).toEqual([undefined, `bytes=300000-${graph().length - 1}`]);
  }, 30_000);

  it("cut a download that drips at every attempt, each resumed with Range, and give up with one line", async () => {
    const path = `/blobs/${sha256Hex(graph())}`;
    mocked.mock.drip.add(path);
    try {
      const started = Date.now();
      const error = (await resolveModel(repo, { dtype: "q8" }).catch((e: unknown) => e)) as Error;
      const host = new URL(mocked.mock.cdn.url).host;
      expect(error.message).toMatch(
        new RegExp(
          `^${repo}/onnx/model_quantized\\.onnx: the download stopped at \\d+ of ${graph().length} bytes \\(${host} sent under 1024 bytes in 1 s\\); run again to resume$`,
        ),
      );
      const gets = mocked.mock.cdn.requests.filter((r) => r.path === path && r.range !== "bytes=0-0");
      expect(gets).toHaveLength(5);
      expect(gets.slice(1).every((r) => /^bytes=[1-9]\d*-\d+$/.test(r.range ?? ""))).toBe(true);
      expect((await readdir(blobs())).filter((f) => f.endsWith(".incomplete"))).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      mocked.mock.drip.delete(path);
    }
  }, 60_000);
});

/**
 * The cache key covers what can change a model output besides the inputs. Before, the
 * execution provider, onnxruntime's version and the thread count were not in it: a CUDA run
 * (or a run after an onnxruntime upgrade) would have reused CPU outputs, and a run with
 * --threads 2 reused the chunks of a run with --threads 1.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheKey } from "../../src/runner/cache.js";
import { runtimeKeyParts } from "../../src/runner/cache-key.js";
import { ensureBuilt } from "../cli-process.js";
import { runAs } from "../factories/processes.js";
import { hasShared, sharedPath } from "../shared.js";

const base = { onnxruntime: "1.30.0", executionProvider: "cpu", threads: 2 };
const key = (runtime: typeof base): string => cacheKey({ model: "m", inputs: "i", ...runtimeKeyParts(runtime) });

describe("runtimeKeyParts", () => {
  it.each([
    ["the execution provider", { ...base, executionProvider: "cuda" }],
    ["onnxruntime's version", { ...base, onnxruntime: "1.31.0" }],
    ["the thread count", { ...base, threads: 4 }],
  ])("gives another key for another %s", (_, changed) => {
    expect(key(changed)).not.toBe(key(base));
    expect(key({ ...base })).toBe(key(base));
  });

  it("names the session settings, the machine and the chunk layout", () => {
    const parts = runtimeKeyParts(base);
    expect(parts.session).toEqual({ graphOptimizationLevel: "all", interOpNumThreads: 1, executionMode: "sequential" });
    expect(parts.machine).toMatch(new RegExp(`^${process.platform} ${process.arch} `));
    expect(parts.chunkFormat).toBe("GEC2");
  });
});

describe.skipIf(!hasShared)("the key through the CLI", () => {
  const tmp = mkdtempSync(join(tmpdir(), "glue-eval-key-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  beforeAll(() => ensureBuilt());
  const args = (threads: string): string[] => [
    "--task", "sst2", "--model", sharedPath("fixtures", "models", "bert-tiny-sst2"), "--data-dir", sharedPath("data"), "--limit", "64",
    "--output-dir", join(tmp, `out-${threads}`), "--cache-dir", join(tmp, "cache"), "--threads", threads, "--no-progress",
  ];

  it("reuses outputs only for the same thread count, and records the installed onnxruntime's version", async () => {
    const one = await runAs(args("1"));
    expect(one.code, one.stderr).toBe(0);
    const two = await runAs(args("2"));
    expect(two.code, two.stderr).toBe(0);
    expect(two.stderr).not.toMatch(/reused/);
    const again = await runAs(args("1"));
    expect(again.stderr).toMatch(/reused (\d+) of \1 batches/);
    const installed = (createRequire(import.meta.url)("onnxruntime-node/package.json") as { version: string }).version;
    const result = JSON.parse(readFileSync(join(tmp, "out-1", "sst2.json"), "utf8")) as { runtime: { onnxruntime: string; executionProvider: string; threads: number } };
    expect(result.runtime).toMatchObject({ onnxruntime: installed, executionProvider: "cpu", threads: 1 });
  });
});

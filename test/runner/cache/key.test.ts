/**
 * The cache key covers everything that can change a model output. The runtime part (the
 * execution provider, onnxruntime's version, the thread count) was once missing: a CUDA run
 * (or a run after an onnxruntime upgrade) would have reused CPU outputs, and a run with
 * --threads 2 reused the chunks of a run with --threads 1.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../../../src/report/stats/random.js";
import { cacheKey, hashFeatures, type InferenceKey, inferenceCacheKey, inferenceKeyParts } from "../../../src/runner/cache/key.js";
import type { Feature } from "../../../src/tasks/interface.js";
import { ensureBuilt } from "../../cli-process.js";
import { runAs } from "../../factories/processes.js";
import { hasShared, sharedPath } from "../../shared.js";

/** The documented layout, packed whole: per feature its length, its ids, its type ids, as int32. */
function packedSha256(features: readonly Feature[]): string {
  const packed = features.flatMap((f) => [f.ids.length, ...Array.from(f.ids), ...Array.from(f.typeIds)]);
  return createHash("sha256").update(Int32Array.from(packed)).digest("hex");
}

describe("hashFeatures", () => {
  it("equals the sha256 of all features packed at once, across buffer boundaries", () => {
    const rng = createRng(3);
    const feature = (): Feature => {
      const n = 1 + rng.nextInt(300);
      return { ids: Array.from({ length: n }, () => rng.nextInt(30000)), typeIds: Array.from({ length: n }, () => rng.nextInt(2)) };
    };
    for (const count of [0, 1, 40, 400]) {
      const features = Array.from({ length: count }, feature);
      expect(hashFeatures(features)).toBe(packedSha256(features));
    }
  });

  it("changes with any id, type id or boundary", () => {
    const a: Feature[] = [
      { ids: [1, 2], typeIds: [0, 0] },
      { ids: [3], typeIds: [0] },
    ];
    const b: Feature[] = [
      { ids: [1], typeIds: [0] },
      { ids: [2, 3], typeIds: [0, 0] },
    ];
    const c: Feature[] = [
      { ids: [1, 2], typeIds: [0, 1] },
      { ids: [3], typeIds: [0] },
    ];
    expect(new Set([hashFeatures(a), hashFeatures(b), hashFeatures(c)]).size).toBe(3);
  });
});

describe("inferenceCacheKey", () => {
  const base: InferenceKey = {
    modelSha256: "m",
    tokenizerSha256: "t",
    padId: 0,
    task: "sst2",
    split: "dev",
    maxSeqLength: 128,
    batchSize: 32,
    order: "length",
    docStride: 128,
    outputs: ["logits"],
    features: [{ ids: [1, 2], typeIds: [0, 0] }],
    runtime: { onnxruntime: "1.30.0", executionProvider: "cpu", threads: 2, deviceId: 0 },
  };

  const changes: [string, Partial<InferenceKey>][] = [
    ["model", { modelSha256: "m2" }],
    ["tokenizer", { tokenizerSha256: "t2" }],
    ["pad id", { padId: 1 }],
    ["task", { task: "qnli" }],
    ["split", { split: "test" }],
    ["max_seq_length", { maxSeqLength: 64 }],
    ["batch size", { batchSize: 8 }],
    ["batch order", { order: "file" }],
    ["doc stride", { docStride: 64 }],
    ["outputs", { outputs: ["start_logits", "end_logits"] }],
    ["inputs", { features: [{ ids: [1, 3], typeIds: [0, 0] }] }],
    ["execution provider", { runtime: { ...base.runtime, executionProvider: "cuda" } }],
    ["onnxruntime version", { runtime: { ...base.runtime, onnxruntime: "1.31.0" } }],
    ["thread count", { runtime: { ...base.runtime, threads: 4 } }],
    // A GPU run on another card of the same machine (shards on N GPUs): the cards can differ.
    ["device id", { runtime: { ...base.runtime, deviceId: 1 } }],
  ];

  it("is the same for the same inputs and flags", () => {
    expect(inferenceCacheKey({ ...base, features: [{ ids: [1, 2], typeIds: [0, 0] }] })).toBe(inferenceCacheKey(base));
  });

  it.each(changes)("changes with the %s", (_what, change) => {
    expect(inferenceCacheKey({ ...base, ...change })).not.toBe(inferenceCacheKey(base));
  });

  it("holds the batching scheme only for length-sorted batches", () => {
    expect(inferenceKeyParts(base).batching).not.toBe("consecutive");
    expect(inferenceKeyParts({ ...base, order: "file" }).batching).toBe("consecutive");
  });

  it("names glue-eval's version, the session settings, the machine and the chunk layout", () => {
    const parts = inferenceKeyParts(base);
    expect(parts.glueEval).toMatch(/^\d+\.\d+\.\d+/);
    expect(parts.session).toEqual({ graphOptimizationLevel: "all", interOpNumThreads: 1, executionMode: "sequential" });
    expect(parts.machine).toMatch(new RegExp(`^${process.platform} ${process.arch} \\S`));
    expect(parts.chunkFormat).toBe("GEC2");
  });

  // The parts that are facts of the build or the machine rather than of the call: the key is the hash of all parts, so each one counts.
  it.each(["glueEval", "session", "machine", "chunkFormat"])("changes with the %s part", (name) => {
    const parts = inferenceKeyParts(base);
    expect(cacheKey(parts)).toBe(inferenceCacheKey(base));
    expect(cacheKey({ ...parts, [name]: "other" })).not.toBe(inferenceCacheKey(base));
  });

  it("is tested above for every field of the key", () => {
    // A field added to InferenceKey (and so to base) without a row in `changes` fails here.
    const fields = new Set(changes.flatMap(([, change]) => Object.keys(change)));
    expect([...fields].sort()).toEqual(Object.keys(base).sort());
    const runtimeFields = Object.keys(base.runtime) as (keyof InferenceKey["runtime"])[];
    const changed = new Set(changes.flatMap(([, { runtime }]) => runtimeFields.filter((k) => runtime !== undefined && runtime[k] !== base.runtime[k])));
    expect([...changed].sort()).toEqual([...runtimeFields].sort());
  });
});

describe.skipIf(!hasShared)("the cache key through the CLI", () => {
  const tmp = mkdtempSync(join(tmpdir(), "glue-eval-key-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  beforeAll(() => ensureBuilt());
  const args = (threads: string): string[] => [
    "--task",
    "sst2",
    "--model",
    sharedPath("fixtures", "models", "bert-tiny-sst2"),
    "--data-dir",
    sharedPath("data"),
    "--limit",
    "64",
    "--output-dir",
    join(tmp, `out-${threads}`),
    "--cache-dir",
    join(tmp, "cache"),
    "--threads",
    threads,
    "--no-progress",
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
    const result = JSON.parse(readFileSync(join(tmp, "out-1", "sst2.json"), "utf8")) as {
      runtime: { onnxruntime: string; executionProvider: string; threads: number };
    };
    expect(result.runtime).toMatchObject({ onnxruntime: installed, executionProvider: "cpu", threads: 1 });
  });
});

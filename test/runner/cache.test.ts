import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/report/stats/random.js";
import { hashFeatures, type InferenceKey, inferenceCacheKey } from "../../src/runner/cache.js";
import type { Feature } from "../../src/tasks/types.js";

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
    const a: Feature[] = [{ ids: [1, 2], typeIds: [0, 0] }, { ids: [3], typeIds: [0] }];
    const b: Feature[] = [{ ids: [1], typeIds: [0] }, { ids: [2, 3], typeIds: [0, 0] }];
    const c: Feature[] = [{ ids: [1, 2], typeIds: [0, 1] }, { ids: [3], typeIds: [0] }];
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
  };

  it("is the same for the same inputs and flags", () => {
    expect(inferenceCacheKey({ ...base, features: [{ ids: [1, 2], typeIds: [0, 0] }] })).toBe(inferenceCacheKey(base));
  });

  it.each<[string, Partial<InferenceKey>]>([
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
  ])("changes with the %s", (_what, change) => {
    expect(inferenceCacheKey({ ...base, ...change })).not.toBe(inferenceCacheKey(base));
  });
});

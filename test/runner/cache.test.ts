import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/report/stats/random.js";
import { hashFeatures } from "../../src/runner/cache.js";
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

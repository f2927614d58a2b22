import { describe, expect, it } from "vitest";
import { type ShardRequest, sliceBounds } from "../../src/tasks/shard.js";

/** Every shard of a task, in order. */
function allSlices(total: number, count: number, align: number, before?: (e: number) => number) {
  return Array.from({ length: count }, (_, index) => sliceBounds(total, { index, count, align }, before));
}

describe("sliceBounds", () => {
  it("runs the doc comment's examples", () => {
    expect(sliceBounds(10, { index: 1, count: 3, align: 1 })).toEqual({ index: 1, count: 3, start: 3, end: 7, total: 10 });
    expect(sliceBounds(100, { index: 1, count: 3, align: 32 })).toEqual({ index: 1, count: 3, start: 32, end: 64, total: 100 });
  });

  it.each([
    [40430, 3, 1],
    [872, 3, 32],
    [71, 8, 32],
    [5, 7, 1],
    [1, 1, 1],
    [1000, 13, 8],
  ])("%i examples in %i shards (cuts on multiples of %i) cover each example exactly once", (total, count, align) => {
    const slices = allSlices(total, count, align);
    expect(slices[0]?.start).toBe(0);
    expect(slices.at(-1)?.end).toBe(total);
    for (const [k, s] of slices.entries()) {
      expect(s.end).toBeGreaterThanOrEqual(s.start);
      if (k > 0) expect(s.start).toBe(slices[k - 1]?.end);
      if (s.start !== 0 && s.start !== total) expect(s.start % align).toBe(0);
    }
  });

  it("balances by features and cuts only where a batch of the whole run begins (SQuAD windows in file order)", () => {
    // 300 questions with 1 to 3 windows each: cuts must fall where the windows before are a multiple of 32.
    const windows = Array.from({ length: 300 }, (_, q) => 1 + ((q * 7) % 3));
    const before = [0];
    for (const w of windows) before.push((before.at(-1) as number) + w);
    const at = (e: number): number => before[e] as number;
    const slices = allSlices(300, 3, 32, at);
    expect(slices[1]?.start).toBe(slices[0]?.end);
    expect(slices[2]?.start).toBe(slices[1]?.end);
    for (const s of slices.slice(1)) expect(at(s.start) % 32).toBe(0);
    // Near a third of the 600 windows each.
    for (const [k, s] of slices.entries()) expect(Math.abs(at(s.start) - (k * at(300)) / 3)).toBeLessThan(64);
  });

  it("gives empty shards when there are more shards than batches", () => {
    const slices = allSlices(71, 8, 32);
    expect(slices.filter((s) => s.end > s.start)).toHaveLength(3);
    expect(slices.map((s) => s.end - s.start).reduce((a, b) => a + b, 0)).toBe(71);
  });

  it("is the same in every process: a pure function of the request", () => {
    const request: ShardRequest = { index: 2, count: 5, align: 1 };
    expect(sliceBounds(1234, request)).toEqual(sliceBounds(1234, { ...request }));
  });
});

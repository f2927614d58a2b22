import { describe, expect, it } from "vitest";
import { isSkipped, modeResult, rotate } from "../../bench/result.js";
import { spread } from "../../bench/stats.js";

describe("rotate", () => {
  it.each([
    [0, ["a", "b", "c"]],
    [1, ["b", "c", "a"]],
    [2, ["c", "a", "b"]],
    [3, ["a", "b", "c"]],
    [7, ["b", "c", "a"]],
  ])("repetition %i starts one item further on", (rep, order) => {
    expect(rotate(["a", "b", "c"], rep)).toEqual(order);
  });

  it("gives every item every place once in as many repetitions as items", () => {
    const items = ["fp32", "fp16", "q8", "q4", "q4f16"];
    for (let place = 0; place < items.length; place++) {
      expect(new Set(items.map((_, rep) => rotate(items, rep)[place]))).toEqual(new Set(items));
    }
    expect(rotate([], 3)).toEqual([]);
  });
});

describe("results", () => {
  it("examples per second at the median; skipped results are told apart", () => {
    expect(modeResult(100, spread([2, 1, 4])).examplesPerSecond).toBe(50);
    expect(isSkipped({ skipped: "why" })).toBe(true);
    expect(isSkipped({ seconds: 1 })).toBe(false);
  });
});

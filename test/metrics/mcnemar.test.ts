/** McNemar's exact test: the binomial tail against exact values, the extremes, the discordant counts. */
import { describe, expect, it } from "vitest";
import { examples, mcnemarExact, mcnemarFromPredictions } from "../../src/metrics/mcnemar.js";

describe("mcnemarExact", () => {
  it.each(examples.cases)("worked example $why", ({ gold, pred, expected }) => {
    expect(examples.metric(gold, pred)).toBeCloseTo(expected as number, 15);
  });

  // Exact values: Σ C(n, i) for i ≤ min(b, c), times 2 / 2^n, in Python big integers.
  it.each([
    [10, 30, 0.0022214337732293643],
    [30, 70, 7.85013964559367e-5],
    [400, 600, 2.7284641560660184e-10],
    [123, 456, 6.19909170574762e-46],
    [1000, 2000, 1.0090148627941341e-75],
    [49000, 51000, 2.588716038346898e-10],
    [49900, 50100, 0.5291572940801932],
    [55000, 45000, 8.600341645714696e-220],
  ])("b %i, c %i matches the exact binomial tail to 1e-9 relative", (b, c, exact) => {
    const p = mcnemarExact(b, c);
    expect(Math.abs(p - exact) / exact).toBeLessThan(1e-9);
  });

  it("stays finite and in [0, 1] at the extremes", () => {
    expect(mcnemarExact(0, 100_000)).toBe(0);
    expect(mcnemarExact(50_000, 50_000)).toBe(1);
    expect(mcnemarExact(0, 1)).toBe(1);
  });

  it("refuses negative or fractional counts", () => {
    expect(() => mcnemarExact(-1, 3)).toThrow(RangeError);
    expect(() => mcnemarExact(1.5, 3)).toThrow(RangeError);
  });
});

describe("mcnemarFromPredictions", () => {
  it("counts discordant pairs", () => {
    const gold = [1, 0, 1, 1, 0, 0, 1];
    const predA = [1, 0, 0, 0, 1, 0, 1]; // right on 0, 1, 5, 6
    const predB = [1, 1, 1, 1, 0, 0, 0]; // right on 0, 2, 3, 4, 5
    // A right / B wrong: 1, 6 → b 2. A wrong / B right: 2, 3, 4 → c 3.
    expect(mcnemarFromPredictions(gold, predA, predB)).toEqual({ b: 2, c: 3, pValue: 1 });
  });

  it("refuses mismatched or empty input", () => {
    expect(() => mcnemarFromPredictions([1], [1, 0], [1])).toThrow(RangeError);
    expect(() => mcnemarFromPredictions([], [], [])).toThrow(RangeError);
  });
});

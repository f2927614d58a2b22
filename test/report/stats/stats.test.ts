import { describe, expect, it } from "vitest";
import { accuracy } from "../../../src/metrics/accuracy.js";
import { bootstrapCI, DEFAULT_SEED, type IndexStatistic, metricStatistic, pairedBootstrap, quantileSorted } from "../../../src/report/stats/bootstrap.js";
import { examples as mcnemarExamples, mcnemarExact, mcnemarFromPredictions } from "../../../src/report/stats/mcnemar.js";
import { createRng, xoshiro128StarStar } from "../../../src/report/stats/random.js";

/** The mean of `values` over the sampled indices. */
const meanOf =
  (values: ArrayLike<number>): IndexStatistic =>
  (indices) => {
    let sum = 0;
    for (let i = 0; i < indices.length; i++) sum += values[indices[i] as number] as number;
    return sum / indices.length;
  };

describe("createRng", () => {
  it("xoshiro128** matches the reference C implementation from state (1, 2, 3, 4)", () => {
    const next = xoshiro128StarStar(1, 2, 3, 4);
    expect(Array.from({ length: 6 }, next)).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it("is deterministic per seed and differs between seeds", () => {
    const draw = (seed: number): number[] => {
      const rng = createRng(seed);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };
    expect(draw(DEFAULT_SEED)).toEqual(draw(DEFAULT_SEED));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(-1)).not.toEqual(draw(2 ** 32 - 1));
    expect(draw(2 ** 32)).not.toEqual(draw(0));
  });

  it("keeps the default seed's stream fixed, so printed intervals do not change between releases", () => {
    // Same numbers from a C transcription of the seeding and xoshiro128** step.
    const rng = createRng(DEFAULT_SEED);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([3158187218, 2639814666, 266322181, 470685586]);
    expect(rng.nextInt(1000)).toBe(894);
  });

  it("draws unbiased integers in range and floats in [0, 1)", () => {
    const rng = createRng(7);
    const counts = new Array<number>(6).fill(0);
    const draws = 60_000;
    let outOfRange = 0;
    for (let i = 0; i < draws; i++) {
      const k = rng.nextInt(6);
      if (!Number.isInteger(k) || k < 0 || k >= 6) outOfRange++;
      else counts[k] = (counts[k] as number) + 1;
    }
    expect(outOfRange).toBe(0);
    // χ² with 5 degrees of freedom: 20.5 is its 0.999 quantile.
    const chi2 = counts.reduce((acc, c) => acc + (c - draws / 6) ** 2 / (draws / 6), 0);
    expect(chi2).toBeLessThan(20.5);
    expect(rng.nextInt(1)).toBe(0);
    expect(rng.nextInt(2 ** 32)).toBeLessThan(2 ** 32);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 10_000; i++) {
      const f = rng.nextFloat();
      if (!(f >= 0 && f < 1)) outside++;
      sum += f;
    }
    expect(outside).toBe(0);
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });

  it("refuses bad arguments", () => {
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng(7).nextInt(0)).toThrow(RangeError);
    expect(() => createRng(7).nextInt(2.5)).toThrow(RangeError);
  });
});

describe("quantileSorted (NumPy's linear rule)", () => {
  it("interpolates between order statistics", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([5], 0.975)).toBe(5);
  });
});

describe("bootstrapCI", () => {
  it("gives a degenerate interval for a constant statistic and nulls when nothing is defined", () => {
    const constant = bootstrapCI(10, () => 0.5, { resamples: 50 });
    expect(constant).toMatchObject({ estimate: 0.5, low: 0.5, high: 0.5, resamples: 50, requested: 50 });
    expect(constant).toMatchObject({ seed: DEFAULT_SEED, level: 0.95 });
    const undefinedStat = bootstrapCI(10, () => null, { resamples: 50 });
    expect(undefinedStat).toMatchObject({ estimate: null, low: null, high: null, resamples: 0, requested: 50 });
  });

  it("skips resamples where the statistic is null and reports how many were used", () => {
    const values = [0, 1, 1, 0, 1];
    // Undefined whenever the resample holds no 1s.
    const stat: IndexStatistic = (idx) => (idx.some((i) => values[i] === 1) ? meanOf(values)(idx) : null);
    const ci = bootstrapCI(values.length, stat, { resamples: 2000, seed: 3 });
    // P(no 1 among 5 draws) = 0.4^5 ≈ 1%.
    expect(ci.resamples).toBeLessThan(2000);
    expect(ci.resamples).toBeGreaterThan(1940);
    expect(ci.estimate).toBe(0.6);
  });

  it("is deterministic for a seed", () => {
    const values = Array.from({ length: 300 }, (_, i) => (i * 37) % 11);
    const a = bootstrapCI(values.length, meanOf(values), { seed: 11, resamples: 400 });
    const b = bootstrapCI(values.length, meanOf(values), { seed: 11, resamples: 400 });
    const c = bootstrapCI(values.length, meanOf(values), { seed: 12, resamples: 400 });
    expect(a).toEqual(b);
    expect(c.low).not.toBe(a.low);
    expect(a.low as number).toBeLessThan(a.estimate as number);
    expect(a.high as number).toBeGreaterThan(a.estimate as number);
    const narrow = bootstrapCI(values.length, meanOf(values), { seed: 11, resamples: 400, level: 0.5 });
    expect((narrow.high as number) - (narrow.low as number)).toBeLessThan((a.high as number) - (a.low as number));
  });

  it("95% intervals cover the true Bernoulli(0.7) mean about 95% of the time", () => {
    const data = createRng(2024);
    const repetitions = 200;
    let covered = 0;
    for (let rep = 0; rep < repetitions; rep++) {
      const sample = Float64Array.from({ length: 200 }, () => (data.nextFloat() < 0.7 ? 1 : 0));
      const ci = bootstrapCI(sample.length, meanOf(sample), { resamples: 500, seed: rep });
      if ((ci.low as number) <= 0.7 && 0.7 <= (ci.high as number)) covered++;
    }
    expect(covered / repetitions).toBeGreaterThanOrEqual(0.9);
    expect(covered / repetitions).toBeLessThanOrEqual(0.99);
  });

  it("refuses bad options", () => {
    expect(() => bootstrapCI(0, () => 1)).toThrow(RangeError);
    expect(() => bootstrapCI(5, () => 1, { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapCI(5, () => 1, { level: 1 })).toThrow(RangeError);
  });
});

describe("pairedBootstrap", () => {
  const gold = Array.from({ length: 400 }, (_, i) => i % 2);
  // A is right on 70% of examples, B on 75%, and B is right wherever A is.
  const predA = gold.map((g, i) => (i % 10 < 7 ? g : 1 - g));
  const predB = gold.map((g, i) => (i % 10 < 7 || i % 20 === 7 ? g : 1 - g));

  it("gives diff 0 and p = 1 for identical systems", () => {
    const stat = metricStatistic(accuracy, gold, predA);
    const result = pairedBootstrap(gold.length, stat, stat, { resamples: 200 });
    expect(result).toMatchObject({ diff: 0, low: 0, high: 0, pValue: 1, resamples: 200 });
  });

  it("resamples the same indices for both systems, so swapping them negates the interval", () => {
    const a = metricStatistic(accuracy, gold, predA);
    const b = metricStatistic(accuracy, gold, predB);
    const ab = pairedBootstrap(gold.length, a, b, { resamples: 500, seed: 5 });
    const ba = pairedBootstrap(gold.length, b, a, { resamples: 500, seed: 5 });
    expect(ab.diff).toBeCloseTo(0.05, 15);
    expect(ba.diff).toBeCloseTo(-0.05, 15);
    expect(ba.low).toBeCloseTo(-(ab.high as number), 15);
    expect(ba.high).toBeCloseTo(-(ab.low as number), 15);
    expect(ba.pValue).toBe(ab.pValue);
    // B is never worse on any example, so only a resample missing all 20 of B's extra wins
    // (chance (380/400)^400 ≈ 1e-9) could reverse the difference.
    expect(ab.low as number).toBeGreaterThan(0);
    expect(ab.pValue).toBe(0);
  });

  it("gives a large p-value when the systems trade wins evenly", () => {
    const predC = gold.map((g, i) => (i % 10 < 7 ? g : 1 - g));
    const predD = gold.map((g, i) => (i % 10 >= 3 ? g : 1 - g));
    const result = pairedBootstrap(gold.length, metricStatistic(accuracy, gold, predC), metricStatistic(accuracy, gold, predD), { resamples: 500 });
    expect(result.diff).toBe(0);
    expect(result.pValue).toBe(1);
    expect(result.low as number).toBeLessThan(0);
    expect(result.high as number).toBeGreaterThan(0);
  });
});

describe("mcnemarExact", () => {
  it.each(mcnemarExamples)("worked example $why", ({ b, c, expected }) => {
    expect(mcnemarExact(b, c)).toBeCloseTo(expected, 15);
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

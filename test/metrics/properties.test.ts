import { describe, expect, it } from "vitest";
import { accuracy, averageRanks, f1, matthews, pearson, spearman } from "../../src/metrics/index.js";

const metrics = { accuracy, f1, matthews, pearson, spearman };

describe("input checks", () => {
  it.each(Object.entries(metrics))("%s throws RangeError on empty or mismatched input", (_, metric) => {
    expect(() => metric([], [])).toThrow(RangeError);
    expect(() => metric([0, 1], [1])).toThrow(RangeError);
  });

  it("f1 refuses labels other than 0/1", () => {
    expect(() => f1([0, 2], [0, 1])).toThrow(RangeError);
    expect(() => f1([0, 1], [0, 0.5])).toThrow(RangeError);
  });

  it("the correlations refuse NaN and Infinity", () => {
    expect(() => pearson([1, Number.NaN, 3], [1, 2, 3])).toThrow(RangeError);
    expect(() => spearman([1, 2, 3], [1, Number.POSITIVE_INFINITY, 3])).toThrow(RangeError);
  });

  it("accepts typed arrays", () => {
    expect(accuracy(Int8Array.of(1, 0), Float64Array.of(1, 1))).toBe(0.5);
    expect(pearson(Float32Array.of(1, 2, 3), Float64Array.of(2, 4, 6))).toBeCloseTo(1, 15);
  });
});

describe("f1 conventions (scikit-learn, zero_division=0)", () => {
  it("is 0 with no predicted positives, no gold positives, or no true positives", () => {
    expect(f1([1, 1, 0], [0, 0, 0])).toBe(0);
    expect(f1([0, 0, 0], [1, 0, 1])).toBe(0);
    expect(f1([0, 0, 0], [0, 0, 0])).toBe(0);
    expect(f1([1, 0], [0, 1])).toBe(0);
  });

  it("equals 2tp / (2tp + fp + fn)", () => {
    // tp 3, fp 2, fn 1: 6 / 9
    expect(f1([1, 1, 1, 1, 0, 0, 0], [1, 1, 1, 0, 1, 1, 0])).toBeCloseTo(2 / 3, 15);
  });
});

describe("matthews", () => {
  it("matches the binary 2×2 formula (tp·tn − fp·fn)/√((tp+fp)(tp+fn)(tn+fp)(tn+fn))", () => {
    // tp 6, tn 3, fp 2, fn 1 → (18 − 2)/√(8·7·5·4) = 16/√1120
    const gold = [...Array(6).fill(1), ...Array(3).fill(0), 0, 0, 1];
    const pred = [...Array(6).fill(1), ...Array(3).fill(0), 1, 1, 0];
    expect(matthews(gold, pred)).toBeCloseTo(16 / Math.sqrt(1120), 15);
  });

  it("does not depend on which numbers name the classes", () => {
    const gold = [0, 1, 2, 2, 1, 0, 2];
    const pred = [0, 2, 2, 1, 1, 0, 0];
    const rename = (v: number[]): number[] => v.map((x) => [7, -3, 0.5][x] as number);
    expect(matthews(rename(gold), rename(pred))).toBe(matthews(gold, pred));
  });

  it("is 0 when all predictions (or all gold labels) are one class", () => {
    expect(matthews([0, 1, 1], [1, 1, 1])).toBe(0);
    expect(matthews([2, 2, 2], [0, 1, 2])).toBe(0);
  });
});

describe("pearson and spearman", () => {
  it("pearson is invariant to affine maps and keeps precision under a large offset", () => {
    // Multiples of 1/8, so that 1e9 + x is exact and any change in r is the metric's own error.
    const x = [0.25, 1.75, 2.25, 4.125, 3.375, 0.875];
    const y = [1.0, 2.1, 2.0, 4.5, 2.9, 1.4];
    const r = pearson(x, y) as number;
    expect(
      pearson(
        x.map((v) => 1e9 + v),
        y,
      ),
    ).toBeCloseTo(r, 9);
    expect(
      pearson(
        x.map((v) => -3 * v + 2),
        y,
      ),
    ).toBeCloseTo(-r, 14);
    expect(pearson(y, x)).toBe(r);
  });

  it("spearman depends only on order", () => {
    const x = [0.3, 1.7, 2.2, 4.1, 3.3, 0.9];
    const y = [1.0, 2.1, 2.0, 4.5, 2.9, 1.4];
    expect(
      spearman(
        x.map((v) => Math.exp(v)),
        y,
      ),
    ).toBe(spearman(x, y));
  });

  it("averages tied ranks", () => {
    expect(Array.from(averageRanks([10, 20, 20, 5, 20]))).toEqual([2, 4, 4, 1, 4]);
    expect(Array.from(averageRanks([1, 1]))).toEqual([1.5, 1.5]);
  });

  it("two pairs give ±1 or, with a tie, null", () => {
    expect(pearson([0, 1], [5, 9])).toBe(1);
    expect(spearman([0, 1], [9, 5])).toBe(-1);
    expect(pearson([0, 0], [5, 9])).toBeNull();
  });

  it("matches SciPy 1.17.1 on synthetic inputs (values from pearsonr / spearmanr)", () => {
    const i = Array.from({ length: 2000 }, (_, k) => k);
    const offsetX = i.map((k) => 1e6 + ((k * 7919) % 1000) / 10);
    const offsetY = i.map((k) => ((k * 7919) % 1000) / 10 + ((k * 104729) % 97) / 7);
    expect(pearson(offsetX, offsetY)).toBeCloseTo(0.9905313733774473, 12);
    expect(spearman(offsetX, offsetY)).toBeCloseTo(0.9903253209533951, 12);
    const tiesX = i.map((k) => (k * 31) % 5);
    const tiesY = i.map((k) => ((k * 17) % 7) + (k % 5));
    expect(pearson(tiesX, tiesY)).toBeCloseTo(0.5781436647499585, 12);
    expect(spearman(tiesX, tiesY)).toBeCloseTo(0.558400424792725, 12);
    expect(pearson([0.1, 0.2, 0.7], [3.0, -1.0, 2.5])).toBeCloseTo(0.24978768573664836, 14);
    expect(spearman([0.1, 0.2, 0.7], [3.0, -1.0, 2.5])).toBeCloseTo(-0.5, 14);
  });
});

import { describe, expect, it } from "vitest";
import { computeGlueMetrics, GLUE_METRIC_KEYS, type GlueMetricSet } from "../../src/metrics/index.js";

describe("computeGlueMetrics", () => {
  it("uses HF evaluate's key names for each metric set", () => {
    expect(computeGlueMetrics("accuracy", [0, 1, 2, 1], [0, 1, 1, 1])).toEqual({
      metrics: { accuracy: 0.75 },
      warnings: [],
    });
    expect(computeGlueMetrics("accuracy_f1", [1, 1, 0, 0], [1, 0, 1, 0])).toEqual({
      metrics: { accuracy: 0.5, f1: 0.5 },
      warnings: [],
    });
    expect(computeGlueMetrics("matthews", [0, 1, 0, 1], [0, 1, 0, 1])).toEqual({
      metrics: { matthews_correlation: 1 },
      warnings: [],
    });
    const stsb = computeGlueMetrics("pearson_spearman", [1, 2, 3], [1, 3, 2]);
    expect(Object.keys(stsb.metrics)).toEqual(["pearson", "spearmanr"]);
    expect(stsb.metrics.pearson).toBeCloseTo(0.5, 15);
    expect(stsb.metrics.spearmanr).toBeCloseTo(0.5, 15);
    expect(stsb.warnings).toEqual([]);
  });

  it.each(Object.entries(GLUE_METRIC_KEYS))("GLUE_METRIC_KEYS lists what %s reports, in order", (set, keys) => {
    expect(Object.keys(computeGlueMetrics(set as GlueMetricSet, [0, 1, 1, 0], [0, 1, 0, 1]).metrics)).toEqual(keys);
  });

  it("returns null with a warning when a correlation is undefined", () => {
    const { metrics, warnings } = computeGlueMetrics("pearson_spearman", [0.5, 4.2, 3.0], [2.5, 2.5, 2.5]);
    expect(metrics).toEqual({ pearson: null, spearmanr: null });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/pearson is undefined: every prediction is the same value/);
    expect(warnings[1]).toMatch(/spearmanr is undefined/);
    expect(computeGlueMetrics("pearson_spearman", [3, 3], [1, 2]).warnings[0]).toMatch(/gold score/);
  });

  it("warns when F1 is 0 for lack of positives", () => {
    const none = computeGlueMetrics("accuracy_f1", [1, 0, 1], [0, 0, 0]);
    expect(none.metrics.f1).toBe(0);
    expect(none.warnings).toEqual(["f1 is 0: no example was predicted positive (label 1)"]);
    expect(computeGlueMetrics("accuracy_f1", [0, 0], [1, 0]).warnings[0]).toMatch(/no gold label is positive/);
  });

  it("throws on mismatched input", () => {
    expect(() => computeGlueMetrics("accuracy", [0, 1], [0])).toThrow(RangeError);
    expect(() => computeGlueMetrics("pearson_spearman", [], [])).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { examples as accuracyExamples } from "../../src/metrics/accuracy.js";
import { examples as f1Examples } from "../../src/metrics/f1.js";
import { accuracy, f1, matthews, pearson, spearman } from "../../src/metrics/index.js";
import type { MetricExample } from "../../src/metrics/input.js";
import { examples as matthewsExamples } from "../../src/metrics/matthews.js";
import { examples as pearsonExamples } from "../../src/metrics/pearson.js";
import { examples as spearmanExamples } from "../../src/metrics/spearman.js";

type Metric = (gold: ArrayLike<number>, pred: ArrayLike<number>) => number | null;

const suites: readonly [string, Metric, readonly MetricExample[]][] = [
  ["accuracy", accuracy, accuracyExamples],
  ["f1", f1, f1Examples],
  ["matthews", matthews, matthewsExamples],
  ["pearson", pearson, pearsonExamples],
  ["spearman", spearman, spearmanExamples],
];

describe("documented worked examples", () => {
  const cases = suites.flatMap(([name, metric, list]) => list.map((example) => ({ label: `${name}: ${example.why}`, metric, example })));

  it.each(cases)("$label", ({ metric, example }) => {
    const got = metric(example.gold, example.pred);
    if (example.expected === null) {
      expect(got).toBeNull();
    } else {
      expect(got).not.toBeNull();
      expect(Math.abs((got as number) - example.expected)).toBeLessThanOrEqual(1e-15);
    }
  });

  it("every metric documents at least two examples", () => {
    for (const [, , list] of suites) expect(list.length).toBeGreaterThanOrEqual(2);
  });
});

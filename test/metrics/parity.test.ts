import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { computeGlueMetrics } from "../../src/metrics/glue.js";
import { hasShared, sharedPath } from "../shared.js";
import { type GlueFixtureTask, goldLabels, isGlueFixtureTask, readPredictions, TASKS } from "./gold.js";

/**
 * scikit-learn 1.2.1 / SciPy 1.10.1 values from ../shared/fixtures/metrics/expected.json,
 * written out here so the check cannot silently weaken if that file changes; a
 * separate test keeps this table and the file in step.
 */
const GOLDEN: readonly [GlueFixtureTask, string, number, Record<string, number>][] = [
  ["cola", "glue-cola-flip15.tsv", 1043, { matthews_correlation: 0.8324223469546609 }],
  ["cola", "glue-cola-random.tsv", 1043, { matthews_correlation: -0.07089991702179112 }],
  ["cola", "glue-cola-constant_0.tsv", 1043, { matthews_correlation: 0.0 }],
  ["cola", "glue-cola-constant_1.tsv", 1043, { matthews_correlation: 0.0 }],
  ["sst2", "glue-sst2-flip15.tsv", 872, { accuracy: 0.9277522935779816 }],
  ["sst2", "glue-sst2-random.tsv", 872, { accuracy: 0.5103211009174312 }],
  ["sst2", "glue-sst2-constant_0.tsv", 872, { accuracy: 0.4908256880733945 }],
  ["sst2", "glue-sst2-constant_1.tsv", 872, { accuracy: 0.5091743119266054 }],
  ["mrpc", "glue-mrpc-flip15.tsv", 408, { accuracy: 0.8921568627450981, f1: 0.9205776173285197 }],
  ["mrpc", "glue-mrpc-random.tsv", 408, { accuracy: 0.4852941176470588, f1: 0.569672131147541 }],
  ["mrpc", "glue-mrpc-constant_0.tsv", 408, { accuracy: 0.3161764705882353, f1: 0.0 }],
  ["mrpc", "glue-mrpc-constant_1.tsv", 408, { accuracy: 0.6838235294117647, f1: 0.8122270742358079 }],
  ["stsb", "glue-stsb-noisy.tsv", 1500, { pearson: 0.8387394509784268, spearmanr: 0.8394232494463466 }],
  ["stsb", "glue-stsb-rounded_ties.tsv", 1500, { pearson: 0.8876249724274438, spearmanr: 0.8879548146882933 }],
  ["stsb", "glue-stsb-random.tsv", 1500, { pearson: 0.0052731354268936, spearmanr: 0.004560161615395903 }],
  ["qqp", "glue-qqp-flip15.tsv", 40430, { accuracy: 0.9275290625772941, f1: 0.9041355843475984 }],
  ["qqp", "glue-qqp-random.tsv", 40430, { accuracy: 0.5018303240168192, f1: 0.42455929830576267 }],
  ["qqp", "glue-qqp-constant_0.tsv", 40430, { accuracy: 0.6318327974276527, f1: 0.0 }],
  ["qqp", "glue-qqp-constant_1.tsv", 40430, { accuracy: 0.36816720257234725, f1: 0.5381903642773208 }],
  ["mnli", "glue-mnli-flip15.tsv", 9815, { accuracy: 0.9031074885379521 }],
  ["mnli", "glue-mnli-random.tsv", 9815, { accuracy: 0.3305145185939888 }],
  ["mnli", "glue-mnli-constant_entailment.tsv", 9815, { accuracy: 0.3544574630667346 }],
  ["mnli", "glue-mnli-constant_contradiction.tsv", 9815, { accuracy: 0.3273560876209883 }],
  ["mnli-mm", "glue-mnli-mm-flip15.tsv", 9832, { accuracy: 0.9024613506916193 }],
  ["mnli-mm", "glue-mnli-mm-random.tsv", 9832, { accuracy: 0.3358421480878763 }],
  ["mnli-mm", "glue-mnli-mm-constant_entailment.tsv", 9832, { accuracy: 0.3522172497965826 }],
  ["mnli-mm", "glue-mnli-mm-constant_contradiction.tsv", 9832, { accuracy: 0.3295362082994304 }],
  ["qnli", "glue-qnli-flip15.tsv", 5463, { accuracy: 0.9302580999450851 }],
  ["qnli", "glue-qnli-random.tsv", 5463, { accuracy: 0.4938678381841479 }],
  ["qnli", "glue-qnli-constant_entailment.tsv", 5463, { accuracy: 0.4946000366099213 }],
  ["qnli", "glue-qnli-constant_not_entailment.tsv", 5463, { accuracy: 0.5053999633900788 }],
  ["rte", "glue-rte-flip15.tsv", 277, { accuracy: 0.9386281588447654 }],
  ["rte", "glue-rte-random.tsv", 277, { accuracy: 0.4981949458483754 }],
  ["rte", "glue-rte-constant_entailment.tsv", 277, { accuracy: 0.5270758122743683 }],
  ["rte", "glue-rte-constant_not_entailment.tsv", 277, { accuracy: 0.4729241877256318 }],
  ["wnli", "glue-wnli-flip15.tsv", 71, { accuracy: 0.9295774647887324 }],
  ["wnli", "glue-wnli-random.tsv", 71, { accuracy: 0.5211267605633803 }],
  ["wnli", "glue-wnli-constant_0.tsv", 71, { accuracy: 0.5633802816901409 }],
  ["wnli", "glue-wnli-constant_1.tsv", 71, { accuracy: 0.43661971830985913 }],
];

const TOLERANCE = 1e-9;

interface ExpectedCase {
  task: string;
  predictions: string;
  n: number;
  expected: Record<string, number>;
}

describe.skipIf(!hasShared)("GLUE metrics match scikit-learn / SciPy on the real dev sets", () => {
  let worst = 0;
  const goldCache = new Map<GlueFixtureTask, number[]>();
  const gold = (task: GlueFixtureTask): number[] => {
    let labels = goldCache.get(task);
    if (labels === undefined) {
      labels = goldLabels(task);
      goldCache.set(task, labels);
    }
    return labels;
  };

  it.each(GOLDEN)("%s %s", (task, file, n, expected) => {
    const labels = gold(task);
    const predictions = readPredictions(task, file);
    expect(labels).toHaveLength(n);
    expect(predictions).toHaveLength(n);
    const { metrics, warnings } = computeGlueMetrics(TASKS[task].set, labels, predictions);
    expect(Object.keys(metrics).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, want] of Object.entries(expected)) {
      const got = metrics[key];
      expect(got, key).not.toBeNull();
      const delta = Math.abs((got as number) - want);
      worst = Math.max(worst, delta);
      expect(delta, `${key}: got ${String(got)}, want ${want}`).toBeLessThanOrEqual(TOLERANCE);
    }
    if (expected.f1 === 0) expect(warnings.join("\n")).toMatch(/f1 is 0/);
  });

  it("covers every GLUE case of expected.json with the same values", () => {
    const file = JSON.parse(readFileSync(sharedPath("fixtures", "metrics", "expected.json"), "utf8")) as {
      cases: ExpectedCase[];
    };
    const glue = file.cases.filter((c) => !c.task.startsWith("squad"));
    for (const c of glue) expect(isGlueFixtureTask(c.task), c.task).toBe(true);
    expect(glue.map((c) => [c.task, c.predictions, c.n, c.expected])).toEqual(GOLDEN);
  });

  afterAll(() => {
    console.info(`[metrics parity] largest |ours − expected| over ${GOLDEN.length} GLUE cases: ${worst}`);
  });
});

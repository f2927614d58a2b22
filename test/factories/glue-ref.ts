/**
 * A GLUE run against a Python reference run (`refs/<model>.json`: per split n, metrics, logits,
 * predictions as dataset label ids). Tolerances (../shared/fixtures/README.md): fp32 — identical
 * predictions except where the top two logits are within 1e-5, metrics to 1e-6; int8 — the
 * reference batched in file order and dynamic quantization depends on the batch, so ≥98%
 * identical predictions and metrics within 1 point (0.01).
 */
import { expect } from "vitest";
import type { PredictionLine, TaskResult } from "../../src/results/schema.js";

export interface RefSplit {
  n: number;
  metrics: Record<string, number>;
  logits: number[][];
  predictions: number[];
}

export interface Ref {
  task: string;
  dataset_labels: string[] | null;
  splits: Record<string, RefSplit>;
}

/** How GLUE writes each task's labels in predictions (label names for these three, 0/1 otherwise). */
const GLUE_VALUES: Record<string, string[]> = {
  mnli: ["entailment", "neutral", "contradiction"],
  qnli: ["entailment", "not_entailment"],
  rte: ["entailment", "not_entailment"],
};

export function expectReferenceParity(
  title: string,
  ref: Ref,
  split: string,
  dtype: "fp32" | "q8",
  result: TaskResult,
  lines: readonly PredictionLine[],
): void {
  const expected = ref.splits[split] as RefSplit;
  expect(result.n).toBe(expected.n);
  expect(lines).toHaveLength(expected.n);
  const values = GLUE_VALUES[ref.task] ?? ["0", "1"];
  let same = 0;
  let nearTies = 0;
  lines.forEach((line, i) => {
    const refLogits = expected.logits[i] as number[];
    if (ref.dataset_labels === null) {
      same += Math.abs((line.prediction as number) - (refLogits[0] as number)) < 1e-5 ? 1 : 0;
      return;
    }
    const refPred = values[expected.predictions[i] as number];
    if (line.prediction === refPred) same += 1;
    else {
      const sorted = [...refLogits].sort((a, b) => b - a);
      if ((sorted[0] as number) - (sorted[1] as number) < 1e-5) nearTies += 1;
    }
  });
  const rate = same / expected.n;
  console.log(
    `${title}: identical predictions ${(rate * 100).toFixed(3)}% (${expected.n - same} differ, ${nearTies} near ties); ours ${JSON.stringify(result.metrics)} ref ${JSON.stringify(expected.metrics)}`,
  );
  if (dtype === "fp32") {
    expect(same + nearTies).toBe(expected.n);
    for (const [key, value] of Object.entries(expected.metrics)) expect(Math.abs((result.metrics[key] as number) - value)).toBeLessThanOrEqual(1e-6);
  } else {
    expect(rate).toBeGreaterThanOrEqual(0.98);
    for (const [key, value] of Object.entries(expected.metrics)) expect(Math.abs((result.metrics[key] as number) - value)).toBeLessThanOrEqual(0.01);
  }
}

import type { Calibration, CalibrationBin } from "../analysis.js";
import { checkPaired, type WorkedExamples } from "./input.js";

/** Bins of the reliability diagram, as Guo et al. (2017) and most reports of ECE use. */
export const CALIBRATION_BINS = 15;

/**
 * The top softmax probability of a row of logits, in float64: exp(0) / Σ exp(x − max).
 * NaN when a logit is not finite (a float16 graph that overflowed), so that the example is
 * left out rather than counted as certain.
 *
 * Worked examples: `softmaxExamples` below; the test suite runs them.
 */
export function softmaxConfidence(logits: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logits.length; i++) {
    const x = logits[i] as number;
    if (!Number.isFinite(x)) return Number.NaN;
    if (x > max) max = x;
  }
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += Math.exp((logits[i] as number) - max);
  return 1 / total;
}

/**
 * Expected calibration error and the reliability diagram's bins (Guo et al., "On
 * Calibration of Modern Neural Networks", 2017): `bins` equal-width bins of the
 * confidence, bin b holding (b / bins, (b + 1) / bins]; per bin the mean confidence and
 * the share of correct predictions; ECE = Σ_b (count_b / n) · |accuracy_b − confidence_b|.
 * Range [0, 1], lower is better: 0 when every bin's accuracy equals its confidence.
 *
 * `correct` holds 1 for a right prediction and 0 for a wrong one; `confidence` the
 * probability the model gave its prediction (softmaxConfidence). Examples whose confidence
 * is NaN are left out and counted in `excluded`.
 *
 * Worked examples: `examples` below, each with its hand computation; the test suite runs them.
 *
 * @throws RangeError on empty or unequal-length inputs, or a confidence outside (0, 1].
 */
export function calibration(correct: ArrayLike<number>, confidence: ArrayLike<number>, bins = CALIBRATION_BINS): Calibration {
  const n = checkPaired("calibration", correct, confidence);
  const count = new Array<number>(bins).fill(0);
  const right = new Array<number>(bins).fill(0);
  const sure = new Array<number>(bins).fill(0);
  let excluded = 0;
  for (let i = 0; i < n; i++) {
    const c = confidence[i] as number;
    if (Number.isNaN(c)) {
      excluded++;
      continue;
    }
    if (!(c > 0 && c <= 1)) throw new RangeError(`calibration: confidence[${i}] is ${c}, expected a probability in (0, 1]`);
    const b = Math.min(bins - 1, Math.max(0, Math.ceil(c * bins) - 1));
    count[b] = (count[b] as number) + 1;
    right[b] = (right[b] as number) + ((correct[i] as number) === 1 ? 1 : 0);
    sure[b] = (sure[b] as number) + c;
  }
  const kept = n - excluded;
  let ece = 0;
  const out: CalibrationBin[] = count.map((k, b) => {
    const accuracy = k === 0 ? null : (right[b] as number) / k;
    const mean = k === 0 ? null : (sure[b] as number) / k;
    if (accuracy !== null && mean !== null) ece += (k / kept) * Math.abs(accuracy - mean);
    return { low: b / bins, high: (b + 1) / bins, count: k, confidence: mean, accuracy };
  });
  return { ece: kept === 0 ? null : ece, bins: out, excluded };
}

export const examples: WorkedExamples = {
  metric: (correct, confidence) => calibration(correct, confidence).ece,
  cases: [
    { gold: [1, 1, 0, 1], pred: [0.9, 0.9, 0.6, 1], expected: 0.2, why: "|1 − 0.9|·2/4 + |0 − 0.6|·1/4 + |1 − 1|·1/4 = 0.05 + 0.15 + 0" },
    { gold: [1, 0, 1, 0], pred: [0.5, 0.5, 0.5, 0.5], expected: 0, why: "one bin, accuracy 0.5 = confidence 0.5" },
    { gold: [1, 0], pred: [Number.NaN, Number.NaN], expected: null, why: "no example with finite logits: undefined" },
  ],
};

/** Logits rows as the model gives them, and whether each prediction was right. */
export const softmaxExamples: WorkedExamples<readonly number[], readonly (readonly number[])[]> = {
  metric: (correct, logits) => calibration(correct, logits.map(softmaxConfidence)).ece,
  cases: [
    {
      gold: [1, 0],
      pred: [
        [0, 0],
        [Math.log(3), 0],
      ],
      expected: 0.625,
      why: "confidences 1/2 (right) and 3/4 (wrong), two bins: |1 − 0.5|/2 + |0 − 0.75|/2",
    },
    {
      gold: [1, 1],
      pred: [
        [5, 5, 5, 5],
        [0, Math.log(3)],
      ],
      expected: 0.5,
      why: "confidences 1/4 and 3/4, both right: |1 − 0.25|/2 + |1 − 0.75|/2",
    },
  ],
};

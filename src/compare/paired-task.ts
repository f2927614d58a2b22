/**
 * Paired comparison of two runs on the same examples (e.g. fp32 against int8 of one model):
 * per task the metric differences B − A with paired bootstrap intervals and p-values,
 * McNemar's exact test for classification, the agreement rate and the first flipped examples.
 */
import { DataError } from "../errors.js";
import { CROSSFIT_KEYS, type PartialCount, type PredictionLine, shownMetrics, type TaskResult } from "../results/schema.js";
import { mcnemarFromPredictions } from "../metrics/mcnemar.js";
import { inputText } from "../report/excerpt.js";
import { type CiSettings, pairedBootstrap, REPORT_CI } from "../report/stats/bootstrap.js";
import { LabelCoder, resampledStatistic, type Samples, samplesFor } from "../report/stats/samples.js";
import type { MetricDiff } from "../report/report-data.js";
import { metricUnit } from "../report/units.js";
import { taskDefinition } from "../tasks/catalogue/index.js";

export interface CompareSide {
  label: string;
  dir: string;
  result: TaskResult;
  predictions: readonly PredictionLine[];
  predictionsFile: string;
}

export interface Flip {
  index: string | number;
  /** The input (GLUE: the sentence, a pair joined by " ‖ "; SQuAD: the question); null when the predictions file does not hold it. */
  text: string | null;
  gold: string | number | null;
  a: string | number;
  b: string | number;
}

export interface TaskComparison {
  task: string;
  title: string;
  split: string;
  n: number;
  /** Present when the examples are a subset of the split (both runs cover the same ones). */
  partial?: PartialCount;
  metrics: MetricDiff[];
  /** Classification with gold labels: McNemar's exact test on correctness. */
  mcnemar: { b: number; c: number; pValue: number } | null;
  /** Share of examples with identical predictions. */
  agreement: number;
  differing: number;
  /** STS-B: mean |B − A| of the predicted scores. */
  meanAbsDiff: number | null;
  /** The first differing examples, in file order. */
  flips: Flip[];
}

function mismatch(side: CompareSide, problem: string, line?: number): DataError {
  return new DataError(line === undefined ? { file: side.predictionsFile } : { file: side.predictionsFile, line }, problem);
}

/** Both runs must have scored the same examples in the same order. */
function checkAligned(a: CompareSide, b: CompareSide): void {
  const task = a.result.task;
  if (a.result.split !== b.result.split) {
    throw mismatch(b, `${task}: A was evaluated on split ${a.result.split}, B on ${b.result.split}`);
  }
  if (a.result.data.sha256 !== b.result.data.sha256) {
    throw mismatch(b, `${task}: A and B were evaluated on different data files (sha256 ${a.result.data.sha256} vs ${b.result.data.sha256})`);
  }
  if (a.predictions.length !== b.predictions.length) {
    throw mismatch(b, `${task}: B has ${b.predictions.length} predictions, A has ${a.predictions.length}; compare runs on the same examples`);
  }
  a.predictions.forEach((lineA, i) => {
    const lineB = b.predictions[i] as PredictionLine;
    if (String(lineA.index) !== String(lineB.index)) {
      throw mismatch(b, `${task}: example ${i + 1} is index ${String(lineB.index)} in B but ${String(lineA.index)} in A`, i + 1);
    }
    if (String(lineA.label ?? "") !== String(lineB.label ?? "")) {
      throw mismatch(b, `${task}: example ${String(lineA.index)} has gold ${String(lineB.label)} in B but ${String(lineA.label)} in A`, i + 1);
    }
  });
}

/** Per metric both runs report: the values and, where it can be resampled, the paired bootstrap of B − A. */
function metricDiffs(a: CompareSide, b: CompareSide, samples: [Samples | null, Samples | null], ci: CiSettings): MetricDiff[] {
  const task = a.result.task;
  const n = a.predictions.length;
  const tuned = new Set([...a.result.tunedOnEval, ...b.result.tunedOnEval]);
  const [shownA, shownB] = [shownMetrics(a.result), shownMetrics(b.result)];
  const keys = Object.keys(shownA).filter((k) => Object.hasOwn(shownB, k));
  return keys.map((key): MetricDiff => {
    const va = shownA[key] ?? null;
    const vb = shownB[key] ?? null;
    const statA = samples[0] === null ? null : resampledStatistic(samples[0], key);
    const statB = samples[1] === null ? null : resampledStatistic(samples[1], key);
    const base = { key, unit: metricUnit(task, key), tunedOnDev: tuned.has(key), ...(CROSSFIT_KEYS.includes(key) ? { crossFitted: true } : {}), a: va, b: vb };
    if (statA === null || statB === null) {
      return { ...base, diff: va === null || vb === null ? null : vb - va, low: null, high: null, pValue: null };
    }
    const paired = pairedBootstrap(n, statA, statB, ci);
    return { ...base, diff: paired.diff, low: paired.low, high: paired.high, pValue: paired.pValue };
  });
}

/** The examples whose predictions differ (the first `maxFlips` of them listed) and, for regression, the sum of |B − A|. */
function predictionDiffs(a: CompareSide, b: CompareSide, maxFlips: number, regression: boolean): { flips: Flip[]; differing: number; absSum: number } {
  const flips: Flip[] = [];
  let differing = 0;
  let absSum = 0;
  a.predictions.forEach((lineA, i) => {
    const lineB = b.predictions[i] as PredictionLine;
    // Number() reads the "NaN" / "Infinity" spellings of a predictions file as well.
    if (regression) absSum += Math.abs(Number(lineB.prediction) - Number(lineA.prediction));
    if (String(lineA.prediction) === String(lineB.prediction)) return;
    differing++;
    if (flips.length < maxFlips) flips.push({ index: lineA.index, text: inputText(lineA), gold: goldOf(lineA), a: lineA.prediction, b: lineB.prediction });
  });
  return { flips, differing, absSum };
}

/** GLUE's gold label; SQuAD's gold answers, joined (its lines carry no label). */
function goldOf(line: PredictionLine): string | number | null {
  if (line.label !== undefined && line.label !== null) return line.label;
  return Array.isArray(line.answers) ? line.answers.join(" | ") : null;
}

export function compareTask(a: CompareSide, b: CompareSide, maxFlips: number, ci: CiSettings = REPORT_CI): TaskComparison {
  checkAligned(a, b);
  const task = a.result.task;
  const info = taskDefinition(task);
  const n = a.predictions.length;
  const coder = new LabelCoder();
  const samplesA = n === 0 ? null : samplesFor(task, a.predictions, a.predictionsFile, coder);
  const samplesB = n === 0 ? null : samplesFor(task, b.predictions, b.predictionsFile, coder);
  const metrics = metricDiffs(a, b, [samplesA, samplesB], ci);
  let mcnemar: TaskComparison["mcnemar"] = null;
  if (info?.kind === "classification" && samplesA?.kind === "glue" && samplesB?.kind === "glue") {
    const { b: nb, c, pValue } = mcnemarFromPredictions(samplesA.gold, samplesA.pred, samplesB.pred);
    mcnemar = { b: nb, c, pValue };
  }
  const { flips, differing, absSum } = predictionDiffs(a, b, maxFlips, info?.kind === "regression");
  return {
    task,
    title: info?.title ?? task,
    split: a.result.split,
    n,
    ...(a.result.partial === undefined ? {} : { partial: a.result.partial }),
    metrics,
    mcnemar,
    agreement: n === 0 ? 1 : (n - differing) / n,
    differing,
    // NaN or ±Infinity on either side leaves no mean difference to show.
    meanAbsDiff: info?.kind === "regression" && n > 0 && Number.isFinite(absSum) ? absSum / n : null,
    flips,
  };
}

/**
 * Per-example data read back from a predictions file, and each metric as a function of a
 * resample of the examples (what the bootstrap needs). GLUE metrics are recomputed with the
 * project's metric functions; SQuAD metrics average the per-question exact / F1 (×100).
 */
import { DataError } from "../../errors.js";
import { readJsonFloat } from "../../floats.js";
import { computeGlueMetrics, GLUE_METRIC_KEYS, type GlueMetricSet } from "../../metrics/glue.js";
import type { PredictionLine } from "../../results/schema.js";
import { taskDefinition } from "../../tasks/catalogue/index.js";
import type { IndexStatistic } from "./bootstrap.js";

export interface GlueSamples {
  kind: "glue";
  set: GlueMetricSet;
  gold: number[];
  pred: number[];
}

export interface SquadSamples {
  kind: "squad";
  version: 1 | 2;
  /** Per question: 0 or 1. */
  exact: Float64Array;
  /** Per question: 0..1. */
  f1: Float64Array;
  /** Per question: 1 when the question has an answer (v2). */
  hasAnswer: Uint8Array;
}

export type Samples = GlueSamples | SquadSamples;

export type Statistic = IndexStatistic;

/**
 * Label values as numbers: integers (7 or "7") stand for themselves, names get negative
 * codes in order of appearance. Share one coder between runs that are compared.
 */
export class LabelCoder {
  private readonly names = new Map<string, number>();

  code(value: string | number): number {
    if (typeof value === "number") return value;
    if (/^-?\d+$/.test(value)) return Number(value);
    let code = this.names.get(value);
    if (code === undefined) {
      code = -(this.names.size + 1);
      this.names.set(value, code);
    }
    return code;
  }
}

function score(value: string | number, file: string, line: number, name: string): number {
  const n = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isFinite(n)) throw new DataError({ file, line, field: name }, `expected a number, got ${JSON.stringify(value)}`);
  return n;
}

/** A predicted score: a number, or NaN / ±Infinity as the predictions file spells them (a model's output may be either). */
function predictedScore(value: string | number, file: string, line: number): number {
  return readJsonFloat(value) ?? score(value, file, line, "prediction");
}

/**
 * GLUE gold and predicted labels (STS-B: scores) from a predictions file; null when the
 * split is unlabelled. Throws when only some lines carry a label.
 */
export function glueSamples(task: string, lines: readonly PredictionLine[], file: string, coder: LabelCoder): GlueSamples | null {
  const def = taskDefinition(task);
  if (def === undefined || def.format !== "tsv" || lines.length === 0) return null;
  const labelled = lines.filter((l) => l.label !== undefined && l.label !== null).length;
  if (labelled === 0) return null;
  const gold: number[] = [];
  const pred: number[] = [];
  lines.forEach((line, i) => {
    if (line.label === undefined || line.label === null) {
      throw new DataError({ file, line: i + 1, field: "label" }, `missing, but ${labelled} other lines have a gold label`);
    }
    if (def.kind === "regression") {
      gold.push(score(line.label, file, i + 1, "label"));
      pred.push(predictedScore(line.prediction, file, i + 1));
    } else {
      gold.push(coder.code(line.label));
      pred.push(coder.code(line.prediction));
    }
  });
  return { kind: "glue", set: def.metrics, gold, pred };
}

/** SQuAD per-question exact / F1 from a predictions file. */
export function squadSamples(task: string, lines: readonly PredictionLine[], file: string): SquadSamples | null {
  const def = taskDefinition(task);
  if (def === undefined || def.format !== "squad" || lines.length === 0) return null;
  const version = def.version2 ? 2 : 1;
  const exact = new Float64Array(lines.length);
  const f1 = new Float64Array(lines.length);
  const hasAnswer = new Uint8Array(lines.length);
  lines.forEach((line, i) => {
    if (typeof line.exact !== "number" || !Number.isFinite(line.exact)) {
      throw new DataError({ file, line: i + 1, field: "exact" }, "must be a number (0 or 1)");
    }
    if (typeof line.f1 !== "number" || !Number.isFinite(line.f1)) throw new DataError({ file, line: i + 1, field: "f1" }, "must be a number in [0, 1]");
    if (version === 2 && typeof line.hasAnswer !== "boolean") {
      throw new DataError({ file, line: i + 1, field: "hasAnswer" }, "must be true or false for SQuAD 2.0");
    }
    exact[i] = line.exact;
    f1[i] = line.f1;
    hasAnswer[i] = line.hasAnswer === true ? 1 : 0;
  });
  return { kind: "squad", version, exact, f1, hasAnswer };
}

export function samplesFor(task: string, lines: readonly PredictionLine[], file: string, coder: LabelCoder): Samples | null {
  return taskDefinition(task)?.kind === "qa" ? squadSamples(task, lines, file) : glueSamples(task, lines, file, coder);
}

/** The metrics that can be recomputed on a resample, in the order the task reports them. */
export function resampledKeys(samples: Samples): readonly string[] {
  if (samples.kind === "glue") return GLUE_METRIC_KEYS[samples.set];
  if (samples.version === 1) return ["exact_match", "f1"];
  return ["exact", "f1", "HasAns_exact", "HasAns_f1", "NoAns_exact", "NoAns_f1"];
}

function glueStatistic(samples: GlueSamples, key: string): Statistic {
  // One pair of buffers reused for every resample: allocating two arrays of n per resample
  // costs far more than the metric itself. The metric functions do not keep their inputs.
  const size = samples.gold.length;
  const gold = new Array<number>(size).fill(0);
  const pred = new Array<number>(size).fill(0);
  return (indices) => {
    const g = indices.length === size ? gold : new Array<number>(indices.length).fill(0);
    const p = indices.length === size ? pred : new Array<number>(indices.length).fill(0);
    for (let i = 0; i < indices.length; i++) {
      const k = indices[i] as number;
      g[i] = samples.gold[k] as number;
      p[i] = samples.pred[k] as number;
    }
    return computeGlueMetrics(samples.set, g, p).metrics[key] ?? null;
  };
}

function squadStatistic(samples: SquadSamples, key: string): Statistic {
  const values = key.endsWith("f1") ? samples.f1 : samples.exact;
  const subset = key.startsWith("HasAns_") ? 1 : key.startsWith("NoAns_") ? 0 : -1;
  return (indices) => {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < indices.length; i++) {
      const k = indices[i] as number;
      if (subset !== -1 && samples.hasAnswer[k] !== subset) continue;
      sum += values[k] as number;
      count++;
    }
    return count === 0 ? null : (100 * sum) / count;
  };
}

/** The metric `key` on the examples at `indices`; null when the metric cannot be resampled. */
export function resampledStatistic(samples: Samples, key: string): Statistic | null {
  if (!resampledKeys(samples).includes(key)) return null;
  return samples.kind === "glue" ? glueStatistic(samples, key) : squadStatistic(samples, key);
}

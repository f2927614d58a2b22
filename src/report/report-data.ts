/** The report as data: what the markdown, JSON and terminal renderers are given. */
import type { TaskAnalysis } from "../analysis.js";
import type { Precision } from "../precision.js";
import type { ReportError } from "./errors.js";
import type { PartialCount } from "../results/schema.js";
import type { CiSettings } from "./stats/bootstrap.js";
import type { MetricUnit } from "./units.js";

export interface ReportMetric {
  key: string;
  /** As the results file holds it: GLUE 0..1, SQuAD 0..100; null when undefined. */
  value: number | null;
  unit: MetricUnit;
  /** Tuned on the evaluated data itself (SQuAD 2.0 best_*): shown as "tuned on dev". */
  tunedOnDev: boolean;
  /** SQuAD 2.0 crossfit_*: at a threshold tuned on the other half of the questions; shown as "cross-fitted". */
  crossFitted?: boolean;
  /** Bootstrap interval in the same units as `value`; null when not computed. */
  low: number | null;
  high: number | null;
}

export interface Provenance {
  modelPath: string;
  /** A hub model: repository, revision asked for, and the commit evaluated. */
  hub?: { repo: string; revision: string; commit: string };
  modelFile: string;
  modelSha256: string;
  dtype: string;
  /** What the graph computes in (activation type, weight quantization); null in results that predate it. */
  precision: Precision | null;
  tokenizerFile: string;
  tokenizerSha256: string;
  dataFile: string;
  dataSha256: string;
  onnxruntime: string;
  glueEval: string;
  node: string;
  executionProvider: string;
  threads: number;
  date: string;
  command: readonly string[];
}

export interface ReportTask {
  task: string;
  /** Display name ("SST-2"), the task name when unknown. */
  title: string;
  split: string;
  n: number;
  /** Present when n is a subset of the split (--limit, one shard): not the dev-set score. */
  partial?: PartialCount;
  features: number;
  truncated: number;
  metrics: readonly ReportMetric[];
  /** Why some or all metrics have no interval; null when every scored metric has one. */
  ciNote: string | null;
  seconds: number;
  examplesPerSecond: number;
  batches: number;
  /** Batches read back from the cache: the speed then says little about the model. */
  cachedBatches: number;
  warnings: readonly string[];
  provenance: Provenance;
  /** The results' analysis (confusion matrix, calibration, …); null in results written before glue-eval recorded it. */
  analysis: TaskAnalysis | null;
  /** The worst errors, worst first (errors.ts); empty without a predictions file or gold labels. */
  errors: readonly ReportError[];
}

export interface ReportRun {
  /** Unique among the report's runs: the model name, with the dtype or folder added when needed. */
  label: string;
  name: string;
  dir: string;
  tasks: readonly ReportTask[];
}

export interface ReportData {
  runs: readonly ReportRun[];
  paperRows: boolean;
  ci: CiSettings;
}

/** One metric of a paired comparison: run B against run A on the same examples. */
export interface MetricDiff {
  key: string;
  unit: MetricUnit;
  tunedOnDev: boolean;
  crossFitted?: boolean;
  /** As the results files hold them (GLUE 0..1, SQuAD 0..100). */
  a: number | null;
  b: number | null;
  /** B − A, in the same units; interval and p-value from the paired bootstrap (null when not resampled). */
  diff: number | null;
  low: number | null;
  high: number | null;
  pValue: number | null;
}

/** The precision matrix (compare/matrix.ts builds it): several runs, each against one baseline, per task. */
export interface PrecisionMatrix {
  schema: "glue-eval/compare-matrix@1";
  baseline: string;
  ci: CiSettings & { method: "paired-percentile-bootstrap" };
  tasks: MatrixTask[];
}

export interface MatrixTask {
  task: string;
  title: string;
  split: string;
  /** The baseline's examples are a subset of the split: present with its counts. */
  partial?: PartialCount;
  primary: string;
  rows: MatrixRow[];
}

export interface MatrixRow {
  model: MatrixModel;
  baseline: boolean;
  n: number;
  metrics: MetricDiff[];
  mcnemar: { b: number; c: number; pValue: number } | null;
  agreement: number;
  differing: number;
  /** Baseline inference seconds / this run's (same examples): > 1 is faster. Null when a side was read from the cache or timed under the floor (see speedNote). */
  speedRatio: number | null;
  examplesPerSecond: number;
  /** Either side read model outputs from the cache. */
  cached: boolean;
  /** Why there is no speed ratio; null when there is one. */
  speedNote: SpeedNote | null;
}

/**
 * "cached": this run's outputs came (in part) from the cache, so its time is not the model's;
 * "baseline cached": the baseline's did; "below timing floor": a side ran under 1 s of
 * inference, which varies too much from run to run to compare.
 */
export type SpeedNote = "cached" | "baseline cached" | "below timing floor";

export interface MatrixModel {
  label: string;
  dir: string;
  /** The graph file, the --dtype that picked it, and what the graph computes in (null in older results). */
  file: string;
  dtype: string;
  precision: Precision | null;
  sha256: string;
  /** Bytes of the graph and its external data; null when the results do not list the files. */
  bytes: number | null;
}

/** The report as data: what the markdown, JSON and terminal renderers are given. */
import type { CiSettings } from "./stats/bootstrap.js";
import type { MetricUnit } from "./units.js";

export interface ReportMetric {
  key: string;
  /** As the results file holds it: GLUE 0..1, SQuAD 0..100; null when undefined. */
  value: number | null;
  unit: MetricUnit;
  /** Tuned on the evaluated data itself (SQuAD 2.0 best_*): shown as "tuned on dev". */
  tunedOnDev: boolean;
  /** Bootstrap interval in the same units as `value`; null when not computed. */
  low: number | null;
  high: number | null;
}

export interface Provenance {
  modelPath: string;
  modelFile: string;
  modelSha256: string;
  dtype: string;
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

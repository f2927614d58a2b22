/**
 * What reporting needs to know about each task: how its metrics are computed from the
 * predictions file, its display name, its primary metric (the chart's score) and the GLUE
 * leaderboard file it fills.
 */
import type { GlueMetricSet } from "../metrics/glue.js";

export type TaskKind = "classification" | "regression" | "qa";

export interface ReportTaskInfo {
  readonly name: string;
  /** Display name, as the GLUE leaderboard and the paper write it. */
  readonly title: string;
  readonly kind: TaskKind;
  /** GLUE tasks: the metric group; SQuAD: null. */
  readonly metricSet: GlueMetricSet | null;
  /** SQuAD version, null for GLUE. */
  readonly squad: 1 | 2 | null;
  /** The metric the chart plots. */
  readonly primary: string;
  /** GLUE leaderboard file name, null for SQuAD. */
  readonly submissionFile: string | null;
  /** The values the leaderboard accepts, or "score" for STS-B's number. */
  readonly submissionValues: readonly string[] | "score" | null;
}

const BINARY = ["0", "1"] as const;
const NLI = ["entailment", "neutral", "contradiction"] as const;
const ENTAILMENT = ["entailment", "not_entailment"] as const;

function glue(
  name: string,
  title: string,
  metricSet: GlueMetricSet,
  primary: string,
  submissionFile: string,
  values: readonly string[] | "score",
): ReportTaskInfo {
  const kind: TaskKind = values === "score" ? "regression" : "classification";
  return { name, title, kind, metricSet, squad: null, primary, submissionFile, submissionValues: values };
}

function squad(name: string, title: string, version: 1 | 2): ReportTaskInfo {
  return { name, title, kind: "qa", metricSet: null, squad: version, primary: "f1", submissionFile: null, submissionValues: null };
}

/** Every task, in the order reports list them (the paper's column order, then WNLI and AX). */
export const REPORT_TASKS: readonly ReportTaskInfo[] = [
  squad("squad", "SQuAD 1.1", 1),
  squad("squad_v2", "SQuAD 2.0", 2),
  glue("mnli", "MNLI-m", "accuracy", "accuracy", "MNLI-m.tsv", NLI),
  glue("mnli-mm", "MNLI-mm", "accuracy", "accuracy", "MNLI-mm.tsv", NLI),
  glue("sst2", "SST-2", "accuracy", "accuracy", "SST-2.tsv", BINARY),
  glue("qnli", "QNLI", "accuracy", "accuracy", "QNLI.tsv", ENTAILMENT),
  glue("cola", "CoLA", "matthews", "matthews_correlation", "CoLA.tsv", BINARY),
  glue("rte", "RTE", "accuracy", "accuracy", "RTE.tsv", ENTAILMENT),
  glue("mrpc", "MRPC", "accuracy_f1", "accuracy", "MRPC.tsv", BINARY),
  glue("qqp", "QQP", "accuracy_f1", "accuracy", "QQP.tsv", BINARY),
  glue("stsb", "STS-B", "pearson_spearman", "pearson", "STS-B.tsv", "score"),
  glue("wnli", "WNLI", "accuracy", "accuracy", "WNLI.tsv", BINARY),
  glue("ax", "AX", "matthews", "matthews_correlation", "AX.tsv", NLI),
];

const BY_NAME = new Map(REPORT_TASKS.map((info) => [info.name, info]));

export function taskInfo(name: string): ReportTaskInfo | undefined {
  return BY_NAME.get(name);
}

/** Sort key: known tasks in REPORT_TASKS order, unknown ones after them by name. */
export function compareTaskNames(a: string, b: string): number {
  const ia = REPORT_TASKS.findIndex((t) => t.name === a);
  const ib = REPORT_TASKS.findIndex((t) => t.name === b);
  const ka = ia < 0 ? REPORT_TASKS.length : ia;
  const kb = ib < 0 ? REPORT_TASKS.length : ib;
  return ka !== kb ? ka - kb : a < b ? -1 : a > b ? 1 : 0;
}

/** How a metric's value is shown: GLUE scores ×100, SQuAD scores as they are, counts, raw thresholds. */
export type MetricUnit = "fraction" | "percent" | "count" | "raw";

export function metricUnit(task: string, key: string): MetricUnit {
  if (key === "total" || key.endsWith("_total")) return "count";
  if (key.endsWith("_thresh")) return "raw";
  return taskInfo(task)?.kind === "qa" ? "percent" : "fraction";
}

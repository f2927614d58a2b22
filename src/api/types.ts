/** The types a library caller meets in options, events and results, gathered for the package's entry. */
export type { Comparison } from "../compare/runs.js";
export type { Dtype, Precision } from "../precision.js";
export type { PrecisionMatrix, ReportData } from "../report/report-data.js";
export type { ReportJson } from "../report/render/json.js";
export type { PaperTable } from "../report/table.js";
export type { MetricValues, PredictionLine, TaskResult } from "../results/schema.js";
export type { BatchEvent, TaskEndEvent, TaskStartEvent } from "../runner/events.js";
export type { TaskName } from "../tasks/catalogue/index.js";

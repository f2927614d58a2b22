export { accuracy } from "./accuracy.js";
export { type BinaryCounts, binaryCounts, f1, f1FromCounts } from "./f1.js";
export { computeGlueMetrics, GLUE_METRIC_KEYS, type GlueMetricSet, type GlueMetrics } from "./glue.js";
export type { MetricExample, WorkedExamples } from "./input.js";
export { matthews } from "./matthews.js";
export { pearson } from "./pearson.js";
export { averageRanks, spearman } from "./spearman.js";

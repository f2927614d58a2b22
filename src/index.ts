/**
 * glue-eval as a library (docs/library.md): the functions behind the commands, with the
 * command line's defaults. Importing it loads nothing native; the tokenizers and onnxruntime
 * addons load when `evaluate` runs a model.
 */
export { type CompareOptions, type CompareResult, compare } from "./api/compare.js";
export { RUN_DEFAULTS } from "./api/defaults.js";
export { evaluate } from "./api/evaluate.js";
export { type MergedRun, type MergeOptions, merge } from "./api/merge.js";
export type { EvaluateOptions, ModelEvaluation, ProgressEvent } from "./api/options.js";
export { type Report, type ReportOptions, report } from "./api/report.js";
export { type Score, type ScoreOptions, score } from "./api/score.js";
export type * from "./api/types.js";
export { AbortError, DataError, type DataLocation, type ErrorCode, GlueEvalError, ModelError, UsageError } from "./errors.js";
export { GLUE_EVAL_VERSION as version } from "./version.js";

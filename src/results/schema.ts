/**
 * The results files written per task: `<task>.json` (TaskResultSchema) and
 * `<task>.predictions.jsonl` (one PredictionLineSchema per example, in file order).
 * Fields listed in VOLATILE_FIELDS change from run to run (clock, speed); everything
 * else is byte-identical for the same model, data and flags.
 *
 * The schemas are the one description of these files: every reader checks what it reads
 * against them (results/validate.ts), and the TypeScript types are inferred from them. A field added
 * later goes here, as `.exactOptional()` when files written before it lack it.
 */
import { z } from "zod";
import type { TaskAnalysis } from "../analysis.js";
import type { JsonFloat } from "../floats.js";
import type { Precision } from "../precision.js";

export const RESULT_SCHEMA = "glue-eval/result@1";
export const VOLATILE_FIELDS = ["timing", "date"] as const;

const count = z.number().int().nonnegative();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be a sha256 in hex");

export const MetricValuesSchema = z.record(z.string(), z.number().nullable());
export type MetricValues = z.infer<typeof MetricValuesSchema>;

export const PrecisionSchema = z.object({
  activations: z.enum(["float32", "float16", "bfloat16"]),
  weights: z.union([z.enum(["none", "dynamic-int8", "static-int8", "bnb4"]), z.templateLiteral(["int", z.number().int()])]),
  quantizationOps: z.array(z.string()),
  batchDependent: z.boolean(),
}) satisfies z.ZodType<Precision>;

export const ModelFileSchema = z.object({ file: z.string(), bytes: count, sha256 });
export type ModelFile = z.infer<typeof ModelFileSchema>;

export const ModelInfoSchema = z.object({
  /** Model folder as given on the command line. */
  path: z.string(),
  /** A hub model (`--model org/name`): the repository, the revision asked for and the commit it resolved to. */
  hub: z.object({ repo: z.string(), revision: z.string(), commit: z.string() }).exactOptional(),
  /** Display name: the folder's base name unless --name is given. */
  name: z.string(),
  /** The .onnx file evaluated, relative to the folder. */
  file: z.string(),
  /**
   * The model digest, over every byte of the model: the graph file's sha256 when the graph
   * holds its weights; when its initializers name external-data files, the sha256 of the
   * `sha256sum`-style listing of the graph and then its data files sorted by name, each
   * named as the graph names it (relative to the graph's folder):
   * `sha256sum model.onnx model.onnx_data | sha256sum` run in that folder. See `files`.
   */
  sha256,
  /** The graph, then each external-data file its initializers name: folder-relative path, size and sha256. */
  files: z.array(ModelFileSchema).exactOptional(),
  /** The --dtype name that picked the file: fp32 (model.onnx), fp16, q8 (model_quantized), int8, uint8, q4, q4f16, bnb4. */
  dtype: z.string(),
  /** What the graph computes in, read from the graph (its ops and weights), not from the file name. */
  precision: PrecisionSchema.exactOptional(),
  layout: z.enum(["optimum", "transformers.js"]),
  inputs: z.array(z.string()),
  outputs: z.array(z.string()),
  /** The model's id2label in index order; null when config.json has none. */
  id2label: z.array(z.string()).nullable(),
  /** For classification: model output index -> task label (as GLUE writes it). */
  labelMapping: z.array(z.string()).nullable(),
  labelMappingSource: z.enum(["names", "generic", "override"]).nullable(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const CompanionFileSchema = z.object({ bytes: count, sha256 });
export type CompanionFile = z.infer<typeof CompanionFileSchema>;

export const ShardInfoSchema = z.object({
  index: count,
  count: z.number().int().positive(),
  /** Examples [start, end) of the task's `total` (after --limit), in file order. */
  start: count,
  end: count,
  total: count,
  /** Tokens fed to the model, padding included, and real tokens: the merged run's padding fraction. */
  fedTokens: count,
  realTokens: count,
});
export type ShardInfo = z.infer<typeof ShardInfoSchema>;

export const PartialCountSchema = z.object({
  /** Examples evaluated, and examples in the whole split. */
  n: count,
  of: count,
});
export type PartialCount = z.infer<typeof PartialCountSchema>;

export const NonFiniteCountSchema = z.object({
  examples: count,
  /** The first such example's index (GLUE) or question id (SQuAD). */
  first: z.union([z.number(), z.string()]),
});
export type NonFiniteCount = z.infer<typeof NonFiniteCountSchema>;

const pair = z.tuple([z.number(), z.number()]);
export const CrossfitFiguresSchema = z.object({
  /** 0..100, as the official script's exact and f1. */
  crossfit_exact: z.number(),
  crossfit_f1: z.number(),
  /** The na_prob each question is tuned on: its null odds (null score − best non-null score, as null_odds.json holds them). */
  naProb: z.literal("null_odds"),
  /** The seed of the split, and the questions in each half. */
  seed: z.number(),
  halves: pair,
  /** The thresholds tuned on the first half and on the second. */
  thresholds: z.object({ exact: pair, f1: pair }),
});
export type CrossfitFigures = z.infer<typeof CrossfitFiguresSchema>;

export const TaskResultSchema = z.object({
  schema: z.literal(RESULT_SCHEMA),
  task: z.string().min(1),
  split: z.string(),
  /** Examples (GLUE rows, SQuAD questions) evaluated. */
  n: count,
  /**
   * Present when `n` is fewer examples than the split holds (`--limit`, or one shard before the
   * merge): the scores are not the dev-set scores, and every place that shows them says so.
   */
  partial: PartialCountSchema.exactOptional(),
  /** Model inputs fed: equals n for GLUE, windows for SQuAD. */
  features: count,
  /** Metric values as HF evaluate names them: 0..1 for GLUE, 0..100 for SQuAD; null when undefined. */
  metrics: MetricValuesSchema,
  /** Metrics that are tuned on the evaluated data itself (SQuAD 2.0 best_*). */
  tunedOnEval: z.array(z.string()),
  warnings: z.array(z.string()),
  model: ModelInfoSchema,
  tokenizer: z.object({ file: z.string(), sha256 }),
  data: z.object({ file: z.string(), sha256 }),
  config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** Examples whose input was cut at max_seq_length (GLUE) / questions spread over several windows (SQuAD). */
  truncated: count,
  /** `deviceId`: the GPU a GPU provider ran on (--device-id), absent on the CPU. */
  runtime: z.object({
    glueEval: z.string(),
    onnxruntime: z.string(),
    node: z.string(),
    threads: count,
    executionProvider: z.string(),
    deviceId: count.exactOptional(),
  }),
  /** The command line that produced this file. */
  command: z.array(z.string()),
  /**
   * Size and sha256 of each file written with this one (`<task>.predictions.jsonl`, SQuAD's
   * official files), by name: readers refuse a folder where they differ (files of two runs).
   * Absent in files written before glue-eval recorded it.
   */
  files: z.record(z.string(), CompanionFileSchema).exactOptional(),
  /** Volatile: differs between otherwise identical runs. */
  date: z.string(),
  /** Volatile: differs between otherwise identical runs. */
  timing: z.object({
    seconds: z.number().nonnegative(),
    examplesPerSecond: z.number().nonnegative(),
    tokenizeSeconds: z.number().nonnegative(),
    inferSeconds: z.number().nonnegative(),
    batches: count,
    /** Batches whose outputs were read back from the cache rather than computed. */
    cachedBatches: count,
    /** Pad tokens / all tokens fed. */
    paddingFraction: z.number().min(0).max(1),
    /** Merged results only: the shards the run was spread over (the other figures are their sums). */
    shards: z.number().int().positive().exactOptional(),
    /**
     * `--nproc`: the worker processes the run was split over, their onnxruntime threads and GPUs,
     * and why that many. The times are then the slowest worker's, the counts the workers' sums.
     */
    workers: z
      .object({ count: z.number().int().positive(), threads: z.number().int().positive(), devices: z.array(count).exactOptional(), rule: z.string() })
      .exactOptional(),
  }),
  /** A shard's results only (`glue-eval --shard K/N`): what `glue-eval merge` needs to join the shards. */
  shard: ShardInfoSchema.exactOptional(),
  /** Examples (SQuAD: questions) with a NaN or ±Infinity among their model outputs; absent when there are none. */
  nonFinite: NonFiniteCountSchema.exactOptional(),
  /** SQuAD 2.0: exact and F1 at a no-answer threshold cross-fitted over two halves of the questions (metrics/squad/crossfit.ts). */
  crossfit: CrossfitFiguresSchema.exactOptional(),
  /**
   * Where the model errs (analysis.ts): scored runs with gold labels only; absent in files written
   * before glue-eval recorded it. Derived data that no reader computes a score from: checked for its shape only.
   */
  analysis: z.record(z.string(), z.unknown()).transform((v) => v as unknown as TaskAnalysis).exactOptional(),
});
export type TaskResult = z.infer<typeof TaskResultSchema>;

/** The metrics shown for a result: its `metrics`, then the cross-fitted figures where there are any. */
export function shownMetrics(result: Pick<TaskResult, "metrics" | "crossfit">): MetricValues {
  const { crossfit } = result;
  return crossfit === undefined ? result.metrics : { ...result.metrics, crossfit_exact: crossfit.crossfit_exact, crossfit_f1: crossfit.crossfit_f1 };
}

/** Keys of shownMetrics that are cross-fitted (their threshold comes from the other half of the questions). */
export const CROSSFIT_KEYS: readonly string[] = ["crossfit_exact", "crossfit_f1"];

/** `partial` for n of `of` examples: absent when they are all of them. */
export function partialOf(n: number, of: number): { partial?: PartialCount } {
  return n < of ? { partial: { n, of } } : {};
}

/** One line of `<task>.predictions.jsonl`. */
export const PredictionLineSchema = z.object({
  /** GLUE: the row's index (0-based row number for files without one). SQuAD: the question id. */
  index: z.union([z.number(), z.string()]),
  /** GLUE: label as GLUE writes it (STS-B: the number, "NaN" / "Infinity" / "-Infinity" when not finite). SQuAD: the answer text ("" = no answer). */
  prediction: z.union([z.string(), z.number()]),
  /** Gold label (GLUE) or null when the split is unlabelled. */
  label: z.union([z.string(), z.number(), z.null()]).exactOptional(),
  /** The model's outputs; a value that is not finite is written as "NaN", "Infinity" or "-Infinity" (files written before those spellings hold null, read as NaN). */
  logits: z.array(z.union([z.number(), z.literal(["NaN", "Infinity", "-Infinity"]), z.null()]).transform((v): JsonFloat => v ?? "NaN")).exactOptional(),
  /** SQuAD: per-question official exact match and F1 (0 or 1, 0..1) against the gold answers. */
  exact: z.number().exactOptional(),
  f1: z.number().exactOptional(),
  hasAnswer: z.boolean().exactOptional(),
  /** GLUE: the model's input length in tokens (special tokens included, after truncation). */
  tokens: count.exactOptional(),
  /** The input as read: GLUE's first sentence, SQuAD's question. */
  text: z.string().exactOptional(),
  /** GLUE sentence-pair tasks: the second sentence. */
  pair: z.string().exactOptional(),
  /** SQuAD: the gold answer texts (none for an unanswerable SQuAD 2.0 question). */
  answers: z.array(z.string()).exactOptional(),
});
export type PredictionLine = z.infer<typeof PredictionLineSchema>;

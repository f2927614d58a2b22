/**
 * The options of `evaluate` and what it returns. Types only, and none of the runner's: the
 * package's declarations reach no dependency's own (resolve.ts turns the options into the run
 * configuration).
 */
import type { Dtype } from "../precision.js";
import type { PredictionLine, TaskResult } from "../results/schema.js";
import type { ProgressEvent } from "../runner/events.js";

export type { ProgressEvent };

/** Every field but `model` and `tasks` is optional; an absent one takes the command line's default. */
export interface EvaluateOptions {
  /** A model folder (optimum or transformers.js layout) or a hub id (org/name); several are evaluated in turn. */
  model: string | readonly string[];
  /** Task names or groups, as `--task` takes them: "sst2", "mnli,mnli-mm", ["glue"], aliases such as "mnli_matched". */
  tasks: string | readonly string[];
  /** Display names, one per model, as --name (default: the folder's name, "-<dtype>" added but for fp32). */
  names?: readonly string[];
  /** The graph(s) to load: a dtype, "all" (every variant the folder has) or a list, each its own model row. Default "fp32". */
  dtype?: Dtype | "all" | readonly (Dtype | "all")[];
  /** Hub models: branch, tag or commit (default main). */
  revision?: string;
  /** The datasets root, with glue/<TASK>/ and squad/. Default "data". */
  dataDir?: string;
  split?: "dev" | "test";
  /** Evaluate only the first n examples of each task. */
  limit?: number | null;
  /** Tokens per sequence; default per task: 128 for GLUE, 384 for SQuAD (run_glue.py / run_qa.py). */
  maxSeqLength?: number | null;
  /** Examples per inference call. Default 32. */
  batchSize?: number;
  batchOrder?: "auto" | "length" | "file";
  /** Model output index -> task label, e.g. ["contradiction", "neutral", "entailment"]. */
  labelMap?: readonly string[] | null;
  /** The labelled AX file (diagnostic-full.tsv) to score ax. */
  labelsFile?: string | null;
  docStride?: number;
  nBestSize?: number;
  maxAnswerLength?: number;
  nullScoreDiffThreshold?: number;
  /** onnxruntime intra-op threads; 0 (the default) is one per core. */
  threads?: number;
  /**
   * Worker processes, each on a contiguous slice of every task with `threads` / n onnxruntime
   * threads (with a GPU provider, worker i on GPU i), joined into the records one process gives;
   * "auto" chooses from the cores, free memory, weights and examples. Default 1.
   */
  nproc?: number | "auto";
  overlap?: "auto" | "on" | "off";
  executionProvider?: string;
  /** The GPU for cuda, tensorrt or dml. */
  deviceId?: number;
  /** Shard `index` of `count` (from 0) of each task, written into <outputDir>/shards/<index>-of-<count>. */
  shard?: { index: number; count: number };
  /** The model-output cache; null for none. Default $GLUE_EVAL_CACHE_DIR, else ~/.cache/glue-eval. */
  cacheDir?: string | null;
  /** Write the results files here (with several model rows, one subfolder each), as --output-dir. */
  outputDir?: string;
  /** Replace a result in the output folder that covers more examples or another model, data or flags (`--overwrite`); without it such a run stops before any work. */
  overwrite?: boolean;
  /** Write the results files; default: only when `outputDir` is given. true without it: results/<model name>, as the command line. */
  write?: boolean;
  /** Return each task's prediction lines (those of <task>.predictions.jsonl). */
  predictions?: boolean;
  /** Each task's inference as it starts and after every batch, and its record when it is complete. */
  onProgress?: (event: ProgressEvent) => void;
  /** Draw progress on stderr as the command line does: a bar on a terminal, else a line per tenth or 30 s. Default false. */
  logProgress?: boolean;
  /** Warnings that are not in the records (an unusable cache folder, a cache file that failed its check); default: none. */
  onWarning?: (message: string) => void;
  /** What the run does besides its results (files written, batches reused from the cache); default: none. */
  onInfo?: (message: string) => void;
  /** Aborting stops inference after the batch in flight; nothing more is written and evaluate rejects with an AbortError. */
  signal?: AbortSignal;
  /** The command line recorded in the results; default: the glue-eval command that runs the same evaluation. */
  command?: readonly string[];
}

/** One model row's records: those the command line writes, one per task. */
export interface ModelEvaluation {
  /** The model row's display name. */
  name: string;
  /** Where its results were written, or null when they were not. */
  outputDir: string | null;
  results: TaskResult[];
  /** With `predictions: true`: per task, one line per example in file order. */
  predictions?: Record<string, readonly PredictionLine[]>;
}

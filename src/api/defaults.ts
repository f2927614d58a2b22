/**
 * An evaluation's defaults and the ranges of its numbers, written once: the library's
 * `evaluate` resolves its options with them and the flag table of `glue-eval run` shows and
 * checks them, so the command line and the library cannot drift apart. They are those of HF's
 * run_glue.py / run_qa.py where a choice can change a number.
 */
export const RUN_DEFAULTS = Object.freeze({
  dtype: "fp32",
  dataDir: "data",
  split: "dev",
  batchSize: 32,
  batchOrder: "auto",
  /** run_qa.py: --doc_stride 128, --n_best_size 20, --max_answer_length 30, --null_score_diff_threshold 0.0. */
  docStride: 128,
  nBestSize: 20,
  maxAnswerLength: 30,
  nullScoreDiffThreshold: 0,
  /** 0: one onnxruntime intra-op thread per core. */
  threads: 0,
  /** One process; `auto` is not the default (docs/scale-out.md, "One machine"). */
  nproc: 1,
  overlap: "auto",
  executionProvider: "cpu",
  /** glue-eval compare: the differing examples listed per task. */
  maxFlips: 10,
} as const);

/** Whole-number options: their smallest and largest values (max absent: no bound). */
export const RUN_LIMITS = Object.freeze({
  maxSeqLength: { min: 16, max: 4096 },
  batchSize: { min: 1, max: 65536 },
  limit: { min: 1 },
  docStride: { min: 0 },
  nBestSize: { min: 1, max: 1000 },
  maxAnswerLength: { min: 1 },
  threads: { min: 0, max: 1024 },
  nproc: { min: 1, max: 1024 },
  deviceId: { min: 0, max: 1023 },
  shards: { min: 1, max: 1_000_000 },
  maxFlips: { min: 0 },
} as const);

export type LimitedOption = keyof typeof RUN_LIMITS;

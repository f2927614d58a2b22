/** The bench's results: what bench.json holds and bench.md renders. */
import type { LargeSection } from "./large/types.js";
import type { OverlapResult } from "./overlap/types.js";
import type { PrecisionSection } from "./precision/types.js";
import type { ModeResult, Skipped, SkippedCase } from "./result.js";
import type { ShardSection } from "./shards/types.js";
import type { NprocResult } from "./nproc/types.js";
import type { Spread } from "./stats.js";

export { isSkipped, type ModeResult, type Skipped, type SkippedCase } from "./result.js";

export const BENCH_SCHEMA = "glue-eval/bench@3";

export interface CaseReport {
  model: string;
  /** Graph plus external weights, bytes. */
  modelBytes: number;
  task: string;
  /** Examples evaluated (GLUE rows, SQuAD questions). */
  n: number;
  /** Model inputs fed (SQuAD: windows). */
  features: number;
  batchSize: number;
  maxSeqLength: number;
  /** Timed repetitions (at least the bench's `runs`; more for short cases, see SHORT_CASE). */
  repetitions: number;
  /** Tokenization alone (timed separately); `examplesPerSecond` is pairs (or sentences) per second. */
  tokenize: ModeResult;
  /** The raw path's inference alone: pre-encoded, length-sorted batches into session.run, no tokenization counted. */
  inferenceAlone: ModeResult;
  /** CPU seconds of the whole process (every thread), medians: tokenization alone, inference alone, and the cores. */
  cpuSeconds: { tokenize: number; inference: number; cores: number };
  /** Pre-tokenized, length-sorted, dynamically padded batches into session.run; tokenization added. */
  raw: ModeResult & { inferSeconds: Spread };
  /**
   * runEvaluation(): read, tokenize, batch, infer, decode, score (model load and result writing
   * excluded), with its model-output cache on and empty, as a user's first run.
   */
  glueEval: ModeResult & { wholeCallSeconds: Spread };
  /** The same with the output cache off (--no-cache). */
  glueEvalNoCache: ModeResult;
  /** @huggingface/transformers pipeline on the same folder and examples, batches in file order. */
  transformersJs: (ModeResult & { agreement: number | null; note: string }) | Skipped;
  /** Batches in file order padded to max_seq_length (run_glue.py's default); tokenization added. */
  fixed: ModeResult & { inferSeconds: Spread };
  /** Pad tokens / all tokens fed. */
  padding: { dynamic: number; fixed: number };
  ratios: {
    /** glue-eval time / raw time (1.0 = no harness overhead). */
    glueEvalOverRaw: number;
    glueEvalNoCacheOverRaw: number;
    /** glue-eval time / max(inference alone, tokenize alone): 1.0 = tokenization wholly hidden behind inference (or the reverse). */
    glueEvalOverAlone: number;
    /**
     * The least glue-eval / max(…) could be on these cores if both ran at once and kept their CPU
     * time: max(inference alone, tokenize alone, (their CPU seconds) / cores) over max(…).
     */
    cpuBoundOverAlone: number;
    /** transformers.js time / glue-eval time (how many times faster glue-eval is). */
    transformersJsOverGlueEval: number | null;
    /** fixed-padding time / glue-eval time. */
    fixedOverGlueEval: number;
  };
  /** Peak resident memory of a child process that runs only glue-eval on this case. */
  peakRss: { bytes: number; limitBytes: number } | Skipped;
  warnings: string[];
}

export interface PaddingRow {
  task: string;
  n: number;
  dynamic: number;
  fixed: number;
}

export interface BenchReport {
  schema: typeof BENCH_SCHEMA;
  date: string;
  machine: { cpus: number; threads: number; node: string; onnxruntime: string; platform: string };
  runs: number;
  /** Short cases repeat until glue-eval has run `seconds` in all, at most `maxRuns` times; null: exactly `runs`. */
  shortCase: { seconds: number; maxRuns: number } | null;
  warmup: boolean;
  cases: Array<CaseReport | SkippedCase>;
  /** Padding of the length-sorted batches on whole GLUE dev splits (BERT tokenizer). */
  padding: { batchSize: number; maxSeqLength: number; rows: PaddingRow[] } | null;
  /** One model in each precision it ships, through glue-eval's runner; null when not run. */
  precision: PrecisionSection | SkippedCase | null;
  /** Shards × threads against one process, through the CLI; null when not run. */
  shards: ShardSection | Skipped | null;
  /** Several tasks in one process, --overlap off and on, through the CLI; null when not run. */
  overlap: OverlapResult | null;
  /** One evaluation with 1 and 2 workers and auto (`--nproc`) against the raw loop, whole processes; null when not run (absent in reports from before it). */
  nproc?: NprocResult | null;
  /** The 1.5 B-parameter encoder (--large); null when not run. */
  large: LargeSection | SkippedCase | null;
  seconds: number;
}

/** Targets the bench checks against. */
export const TARGETS = {
  glueEvalOverRaw: 1.1,
  /** glue-eval / max(inference alone, tokenize alone), for tiny BERT on QQP and SQuAD. */
  glueEvalOverAlone: 1.15,
  overlapTasks: ["qqp", "squad"] as readonly string[],
  transformersJsOverGlueEvalTiny: 3,
  transformersJsOverGlueEvalBase: 1.8,
  /** Models under this size count as tiny. */
  tinyModelBytes: 100 * 2 ** 20,
  paddingFraction: 0.05,
  rssHeadroomBytes: 400 * 2 ** 20,
  /** Tasks whose peak RSS is held to model size + rssHeadroomBytes. */
  rssTasks: ["qqp"] as readonly string[],
} as const;

/**
 * A case whose glue-eval passes are short repeats until glue-eval has run this many seconds in
 * all (at most `maxFactor` × runs): a median of five 0.1 s passes moved by ±15% between runs.
 */
export const SHORT_CASE = { seconds: 3, maxFactor: 5 } as const;

/** The warm-up runs every mode on this many batches: enough to compile and allocate, cheap on BERT-base. */
export const WARMUP_BATCHES = 4;

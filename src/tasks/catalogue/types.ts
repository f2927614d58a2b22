/**
 * The facts every task declares. Pure data: no behaviour, nothing native, so that the CLI's
 * help, `score`, the report and the leaderboard archive read them without loading a model.
 */
import type { Benchmark } from "./benchmarks.js";
import type { DataSource } from "./sources.js";

export type TaskKind = "classification" | "regression" | "qa";

/** How the task's data is laid out, which picks the code that reads and runs it: GLUE's TSV files, or SQuAD's JSON. */
export type TaskFormat = "tsv" | "squad";

/** A graph output a task reads: one row per example (`logits`) or one value per token (`start_logits`). */
export interface OutputSpec {
  readonly name: string;
  readonly per: "example" | "token";
}

export interface TaskFacts {
  readonly name: string;
  readonly kind: TaskKind;
  readonly format: TaskFormat;
  /** The benchmark the task belongs to: its group (`--task glue`) and, for GLUE, the leaderboard archive. */
  readonly benchmark: Benchmark;
  /**
   * Other names `--task` accepts for it in every command: the HuggingFace datasets config
   * names and the spellings people meet. Case, "-", "_", "." and spaces never matter, and the
   * title is accepted too, so "SST-2" or "sts_b" need no entry.
   */
  readonly aliases: readonly string[];
  /** What `glue-eval download` fetches for it. */
  readonly data: DataSource;
  /** Display name, as the paper and the GLUE leaderboard write it ("SST-2"). */
  readonly title: string;
  /** The paper-table column the task fills and the metrics it puts there, in order; null where the paper has none. */
  readonly paper: { readonly column: string; readonly metrics: readonly string[] } | null;
  /** The metric the report's chart plots. */
  readonly primary: string;
  /** max_seq_length when --max-seq-length is not given (run_glue.py: 128, run_qa.py: 384). */
  readonly maxSeqLength: number;
  /** The graph outputs the task reads. */
  readonly outputs: readonly OutputSpec[];
  /** The GLUE leaderboard file the task fills and the rows of the public test file; null for SQuAD. */
  readonly submission: { readonly file: string; readonly testRows: number } | null;
}

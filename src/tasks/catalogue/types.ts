/**
 * The facts every task declares. Pure data: no behaviour, nothing native, so that the CLI's
 * help, `score`, the report and the leaderboard archive read them without loading a model.
 */

export type TaskKind = "classification" | "regression" | "qa";

/** A graph output a task reads: one row per example (`logits`) or one value per token (`start_logits`). */
export interface OutputSpec {
  readonly name: string;
  readonly per: "example" | "token";
}

export interface TaskFacts {
  readonly name: string;
  readonly kind: TaskKind;
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

/** The shape of a task read from TSV files laid out as GLUE's: one small object literal per task file. */
import type { GlueMetricSet } from "../../metrics/glue.js";
import type { TaskLabel } from "../../model/labels.js";
import type { TaskFacts } from "./types.js";

/** A column by header name, or by 0-based position for files without a header (CoLA dev). */
export type Column = string | number;

export interface GlueSplitLayout {
  /** Path under `<data-dir>/glue/`. */
  file: string;
  /** The split's name in results ("dev", "dev_matched", "test", ...). */
  split: string;
  hasHeader: boolean;
  /** Number of fields per row, for files without a header. */
  columns?: number;
  text: Column;
  pair?: Column;
  /** Absent for unlabelled splits. */
  label?: Column;
  /** The row's own index column, written into predictions (else the 0-based row number). */
  index?: Column;
}

export interface GlueTaskDefinition extends TaskFacts {
  readonly kind: "classification" | "regression";
  readonly format: "tsv";
  /** null for regression (STS-B). */
  readonly labels: readonly TaskLabel[] | null;
  readonly metrics: GlueMetricSet;
  readonly dev: GlueSplitLayout;
  readonly test: GlueSplitLayout;
  /** The public split has no labels and `--labels-file` may supply them (AX). */
  readonly takesLabelsFile?: boolean;
}

/** What every GLUE task shares: its files, run_glue.py's max_seq_length and one row of logits per example. */
export const GLUE_DEFAULTS = {
  format: "tsv",
  benchmark: "glue",
  aliases: [],
  maxSeqLength: 128,
  outputs: [{ name: "logits", per: "example" }],
} as const satisfies Pick<GlueTaskDefinition, "format" | "benchmark" | "aliases" | "maxSeqLength" | "outputs">;

/** Labels whose GLUE spelling is their name (MNLI, QNLI, RTE). */
export const named = (...names: string[]): TaskLabel[] => names.map((name) => ({ name, value: name }));

/** Labels GLUE writes as 0/1, with their HF datasets names. */
export const binary = (negative: string, positive: string): TaskLabel[] => [
  { name: negative, value: "0" },
  { name: positive, value: "1" },
];

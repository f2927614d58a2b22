/** The shape of a GLUE task: one small object literal per task file. */
import type { TaskLabel } from "../../model/labels.js";
import type { GlueMetricSet } from "../../metrics/glue.js";

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

export interface GlueTaskDefinition {
  name: string;
  description: string;
  /** null for regression (STS-B). */
  labels: readonly TaskLabel[] | null;
  metrics: GlueMetricSet;
  dev: GlueSplitLayout;
  test: GlueSplitLayout;
}

/** Labels whose GLUE spelling is their name (MNLI, QNLI, RTE). */
export const named = (...names: string[]): TaskLabel[] => names.map((name) => ({ name, value: name }));

/** Labels GLUE writes as 0/1, with their HF datasets names. */
export const binary = (negative: string, positive: string): TaskLabel[] => [
  { name: negative, value: "0" },
  { name: positive, value: "1" },
];

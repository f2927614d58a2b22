/**
 * The paper's table as data: one row per reference model and per evaluated run, one cell per
 * column, every number rounded to the one decimal it is shown with, and the best value of
 * each column part marked.
 */
import type { PartialCount } from "../results/schema.js";
import { taskDefinition } from "../tasks/catalogue/index.js";
import { fixed, toPoints } from "./format.js";
import { PAPER_COLUMNS, PAPER_FOOTNOTES, PAPER_ROWS, type PaperColumn } from "./paper.js";
import type { ReportData, ReportRun } from "./report-data.js";
import { metricUnit } from "./units.js";

export interface TableCell {
  /** Per column part, the shown number (one decimal) or null. */
  parts: readonly (number | null)[];
  /** Per column part, true when the number is over a subset of the split (marked "*", never the column's best). */
  subset?: readonly boolean[];
  /** Printed as a single "-" (a column with no number at all). */
  dashOnly: boolean;
}

export interface TableRow {
  label: string;
  /** Footnote markers after the label ("¹", "¹²"). */
  marks: string;
  kind: "paper" | "run";
  cells: readonly TableCell[];
}

export interface PaperTable {
  columns: readonly PaperColumn[];
  rows: readonly TableRow[];
  /** Per column, per part: the best shown value, or null when the column is empty. */
  best: readonly (readonly (number | null)[])[];
  /** Footnotes for the markers in use, in order. */
  footnotes: readonly { mark: string; text: string }[];
  /** One line per run task over a subset of its split, for the note under the table ("*"). */
  subsets: readonly string[];
}

/** The mark after a number over a subset of the split: not the dev-set score. */
export const SUBSET_MARK = "*";

/** The note under a table with subset marks; empty when there are none. */
export function subsetNote(table: Pick<PaperTable, "subsets">): string[] {
  if (table.subsets.length === 0) return [];
  return [`${SUBSET_MARK} Not the dev-set score: over a subset of the dev set (--limit, or one shard). ${table.subsets.join("; ")}.`];
}

/** Metric values per task, as `TaskResult.metrics` holds them (GLUE 0..1, SQuAD 0..100). */
export type RunMetrics = ReadonlyMap<string, Readonly<Record<string, number | null>>>;

const SUPERSCRIPT = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"];
const superscript = (n: number): string => [...String(n)].map((d) => SUPERSCRIPT[Number(d)] ?? d).join("");

/** Reads a cell as the paper prints it: "90.9/84.1", "86.6/-", "-/-" or "-". */
export function parsePaperCell(text: string, column: PaperColumn): TableCell {
  if (text === "-") return { parts: column.parts.map(() => null), dashOnly: true };
  const pieces = text.split("/");
  if (pieces.length !== column.parts.length) {
    throw new RangeError(`paper cell "${text}" does not fit column ${column.title} (${column.metrics})`);
  }
  return { parts: pieces.map((p) => (p === "-" ? null : Number(p))), dashOnly: false };
}

/** The shown number: ×100 for GLUE, one decimal. */
export function shownValue(task: string, metric: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Number(fixed(toPoints(value, metricUnit(task, metric)), 1));
}

export function runCells(metrics: RunMetrics, partial: ReadonlyMap<string, PartialCount> = new Map()): TableCell[] {
  return PAPER_COLUMNS.map((column) => {
    const parts = column.parts.map(({ task, metric }) => shownValue(task, metric, metrics.get(task)?.[metric]));
    const subset = column.parts.map(({ task }, i) => parts[i] !== null && partial.has(task));
    return { parts, dashOnly: parts.every((p) => p === null), ...(subset.includes(true) ? { subset } : {}) };
  });
}

export interface TableRun {
  label: string;
  metrics: RunMetrics;
  /** The tasks evaluated on a subset of their split, by name. */
  partial?: ReadonlyMap<string, PartialCount>;
}

/** Metric values per task of a run, as the table and the chart read them. */
export function runMetrics(run: ReportRun): RunMetrics {
  return new Map(run.tasks.map((t) => [t.task, Object.fromEntries(t.metrics.map((m) => [m.key, m.value]))]));
}

/** The tasks of a run over a subset of their split. */
export function runPartials(tasks: readonly { task: string; partial?: PartialCount | undefined }[]): Map<string, PartialCount> {
  return new Map(tasks.flatMap((t) => (t.partial === undefined ? [] : [[t.task, t.partial] as const])));
}

/** The table's rows for the report's runs. */
export function tableRuns(data: ReportData): TableRun[] {
  return data.runs.map((run) => ({ label: run.label, metrics: runMetrics(run), partial: runPartials(run.tasks) }));
}

/** "bert-tiny-sst2, SST-2: on 50 of 872 examples" for each task of a run shown on a subset. */
function subsetLines(runs: readonly TableRun[]): string[] {
  const shown = new Set(PAPER_COLUMNS.flatMap((c) => c.parts.map((p) => p.task)));
  return runs.flatMap((run) =>
    [...(run.partial ?? new Map<string, PartialCount>())]
      .filter(([task]) => shown.has(task) && run.metrics.has(task))
      .map(([task, p]) => `${run.label}, ${taskDefinition(task)?.title ?? task}: on ${p.n} of ${p.of} examples`),
  );
}

export function buildPaperTable(runs: readonly TableRun[], withPaperRows: boolean): PaperTable {
  const rows: TableRow[] = [];
  const used = new Set<number>();
  if (withPaperRows) {
    for (const paper of PAPER_ROWS) {
      for (const note of paper.notes) used.add(note);
      rows.push({
        label: paper.model,
        marks: paper.notes.map(superscript).join(""),
        kind: "paper",
        cells: PAPER_COLUMNS.map((column, i) => parsePaperCell(paper.cells[i] ?? "-", column)),
      });
    }
  }
  for (const run of runs) rows.push({ label: run.label, marks: "", kind: "run", cells: runCells(run.metrics, run.partial) });
  // A subset's score is no dev-set score: it cannot be a column's best.
  const best = PAPER_COLUMNS.map((column, c) =>
    column.parts.map((_, p) => {
      let top: number | null = null;
      for (const r of rows) {
        const v = r.cells[c]?.subset?.[p] === true ? null : (r.cells[c]?.parts[p] ?? null);
        if (v !== null && (top === null || v > top)) top = v;
      }
      return top;
    }),
  );
  const footnotes = [...PAPER_FOOTNOTES].filter(([n]) => used.has(n)).map(([n, text]) => ({ mark: superscript(n), text }));
  return { columns: PAPER_COLUMNS, rows, best, footnotes, subsets: subsetLines(runs) };
}

/**
 * A cell's text, with `emphasize` applied to each part that equals its column's best.
 * Parts print with one decimal, "-" where missing, "*" after a number over a subset, joined by "/".
 */
export function cellText(table: PaperTable, row: TableRow, column: number, emphasize: (text: string) => string): string {
  const cell = row.cells[column];
  if (cell === undefined || cell.dashOnly) return "-";
  return cell.parts
    .map((v, p) => {
      if (v === null) return "-";
      const text = fixed(v, 1);
      if (cell.subset?.[p] === true) return `${text}${SUBSET_MARK}`;
      return v === table.best[column]?.[p] ? emphasize(text) : text;
    })
    .join("/");
}

/**
 * The paper's table: its columns (which task and metric fills each, from the task catalogue)
 * and its reference rows, the dev-set results the DeBERTa paper reports, digit for digit as
 * the paper prints them.
 */
import { TASK_NAMES, taskDefinition } from "../tasks/catalogue/index.js";

export interface ColumnPart {
  task: string;
  metric: string;
}

export interface PaperColumn {
  /** Stable identifier, used as the JSON key. */
  id: string;
  title: string;
  /** The second header row: the metrics, joined by "/". */
  metrics: string;
  parts: readonly ColumnPart[];
}

/** The paper's columns in its order: id, header and metric abbreviations (the tasks that fill each come from the catalogue). */
const COLUMNS = [
  { id: "squad", title: "SQuAD 1.1", metrics: "F1/EM" },
  { id: "squad_v2", title: "SQuAD 2.0", metrics: "F1/EM" },
  { id: "mnli", title: "MNLI-m/mm", metrics: "Acc" },
  { id: "sst2", title: "SST-2", metrics: "Acc" },
  { id: "qnli", title: "QNLI", metrics: "Acc" },
  { id: "cola", title: "CoLA", metrics: "MCC" },
  { id: "rte", title: "RTE", metrics: "Acc" },
  { id: "mrpc", title: "MRPC", metrics: "Acc/F1" },
  { id: "qqp", title: "QQP", metrics: "Acc/F1" },
  { id: "stsb", title: "STS-B", metrics: "P/S" },
] as const;

/** The tasks that fill a column, each with its metrics, in catalogue order (MNLI-m before MNLI-mm). */
function columnParts(column: string): ColumnPart[] {
  return TASK_NAMES.flatMap((task) => {
    const paper = taskDefinition(task)?.paper;
    return paper?.column === column ? paper.metrics.map((metric) => ({ task, metric })) : [];
  });
}

export const PAPER_COLUMNS: readonly PaperColumn[] = COLUMNS.map((c) => ({ ...c, parts: columnParts(c.id) }));

/** Report order: the tasks of the paper's columns in its order, then the tasks it does not have, in catalogue order. */
const REPORT_ORDER: readonly string[] = [
  ...PAPER_COLUMNS.flatMap((c) => [...new Set(c.parts.map((p) => p.task))]),
  ...TASK_NAMES.filter((t) => taskDefinition(t)?.paper === null),
];

/** Sort key: known tasks in report order, unknown ones after them by name. */
export function compareTaskNames(a: string, b: string): number {
  const ia = REPORT_ORDER.indexOf(a);
  const ib = REPORT_ORDER.indexOf(b);
  const ka = ia < 0 ? REPORT_ORDER.length : ia;
  const kb = ib < 0 ? REPORT_ORDER.length : ib;
  return ka !== kb ? ka - kb : a < b ? -1 : a > b ? 1 : 0;
}

export interface PaperRow {
  model: string;
  /** Footnote numbers (keys of PAPER_FOOTNOTES). */
  notes: readonly number[];
  /** One cell per column of PAPER_COLUMNS, exactly as printed ("-" where the paper has no number). */
  cells: readonly string[];
}

export const PAPER_SOURCE =
  "He et al., DeBERTa: Decoding-enhanced BERT with Disentangled Attention (ICLR 2021), dev-set results as published with the DeBERTa models";

export const PAPER_FOOTNOTES: ReadonlyMap<number, string> = new Map([
  [1, "RTE, MRPC and STS-B fine-tuned starting from the model already fine-tuned on MNLI (as RoBERTa does)."],
  [2, "Run with DeepSpeed."],
]);

const row = (model: string, notes: readonly number[], line: string): PaperRow => ({
  model,
  notes,
  cells: line.split("|").map((cell) => cell.trim()),
});

//                                   SQuAD 1.1 | SQuAD 2.0 | MNLI-m/mm | SST-2 | QNLI | CoLA | RTE | MRPC | QQP | STS-B
export const PAPER_ROWS: readonly PaperRow[] = [
  row("BERT-Large", [], "90.9/84.1 | 81.8/79.0 | 86.6/- | 93.2 | 92.3 | 60.6 | 70.4 | 88.0/- | 91.3/- | 90.0/-"),
  row("RoBERTa-Large", [], "94.6/88.9 | 89.4/86.5 | 90.2/- | 96.4 | 93.9 | 68.0 | 86.6 | 90.9/- | 92.2/- | 92.4/-"),
  row("XLNet-Large", [], "95.1/89.7 | 90.6/87.9 | 90.8/- | 97.0 | 94.9 | 69.0 | 85.9 | 90.8/- | 92.3/- | 92.5/-"),
  row("DeBERTa-Large", [1], "95.5/90.1 | 90.7/88.0 | 91.3/91.1 | 96.5 | 95.3 | 69.5 | 91.0 | 92.6/94.6 | 92.3/- | 92.8/92.5"),
  row("DeBERTa-XLarge", [1], "-/- | -/- | 91.5/91.2 | 97.0 | - | - | 93.1 | 92.1/94.3 | - | 92.9/92.7"),
  row("DeBERTa-V2-XLarge", [1], "95.8/90.8 | 91.4/88.9 | 91.7/91.6 | 97.5 | 95.8 | 71.1 | 93.9 | 92.0/94.2 | 92.3/89.8 | 92.9/92.9"),
  row("DeBERTa-V2-XXLarge", [1, 2], "96.1/91.4 | 92.2/89.7 | 91.7/91.9 | 97.2 | 96.0 | 72.0 | 93.5 | 93.1/94.9 | 92.7/90.3 | 93.2/93.1"),
];

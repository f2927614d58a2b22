/**
 * The report as JSON (`glue-eval report --json`). The layout is documented in
 * docs/report-schema.md; any change to it that is not a new optional field bumps the version.
 */
import type { TaskAnalysis } from "../../analysis.js";
import type { ReportError } from "../errors.js";
import type { CiSettings } from "../stats/bootstrap.js";
import { PAPER_FOOTNOTES, PAPER_ROWS, PAPER_SOURCE } from "../paper.js";
import { buildPaperTable, type PaperTable, subsetNote, type TableRow, tableRuns } from "../table.js";
import type { PrecisionMatrix, Provenance, ReportData } from "../report-data.js";
import type { PartialCount } from "../../results/schema.js";

export const REPORT_JSON_SCHEMA = "glue-eval/report@1";

export interface ReportJsonMetric {
  value: number | null;
  low: number | null;
  high: number | null;
  tunedOnDev: boolean;
  /** Present (true) for SQuAD 2.0 crossfit_*: the threshold comes from the other half of the questions. */
  crossFitted?: true;
}

export interface ReportJsonTask {
  task: string;
  split: string;
  n: number;
  /** Present when n is a subset of the split: not the dev-set score. */
  partial?: PartialCount;
  features: number;
  truncated: number;
  metrics: Record<string, ReportJsonMetric>;
  ciNote: string | null;
  timing: { seconds: number; examplesPerSecond: number; batches: number; cachedBatches: number };
  warnings: string[];
  provenance: Provenance;
  /** As `<task>.json` holds it; null in results written before glue-eval recorded it. */
  analysis: TaskAnalysis | null;
  /** The worst errors, worst first, with their inputs. */
  errors: ReportError[];
}

export interface ReportJson {
  schema: typeof REPORT_JSON_SCHEMA;
  ci: CiSettings & { method: "percentile-bootstrap" };
  table: {
    columns: { id: string; title: string; metrics: string; parts: { task: string; metric: string }[] }[];
    rows: {
      model: string;
      source: "paper" | "run";
      notes: number[];
      values: Record<string, (number | null)[] | null>;
      /** Run rows with a number over a subset of its split: per column id, per part, true for those (shown with "*"). */
      subset?: Record<string, boolean[]>;
    }[];
    /** The note under the table for numbers over a subset; absent when there are none. */
    subsetNote?: string;
  };
  paper: { source: string; footnotes: Record<string, string> } | null;
  runs: { label: string; name: string; dir: string; tasks: ReportJsonTask[] }[];
  /** Precision comparisons (schema glue-eval/compare-matrix@1 each), one per model shown in several precisions; absent when none. */
  precisionMatrices?: PrecisionMatrix[];
}

export function toReportJson(data: ReportData, matrices: readonly PrecisionMatrix[] = []): ReportJson {
  const table = buildPaperTable(tableRuns(data), data.paperRows);
  const notesOf = (model: string): number[] => [...(PAPER_ROWS.find((r) => r.model === model)?.notes ?? [])];
  return {
    schema: REPORT_JSON_SCHEMA,
    ci: { method: "percentile-bootstrap", ...data.ci },
    table: {
      columns: table.columns.map((c) => ({ id: c.id, title: c.title, metrics: c.metrics, parts: c.parts.map((p) => ({ ...p })) })),
      rows: table.rows.map((row) => ({
        model: row.label,
        source: row.kind,
        notes: row.kind === "paper" ? notesOf(row.label) : [],
        values: Object.fromEntries(table.columns.map((c, i) => [c.id, row.cells[i]?.dashOnly === false ? [...(row.cells[i]?.parts ?? [])] : null])),
        ...subsetOf(table, row),
      })),
      ...(table.subsets.length === 0 ? {} : { subsetNote: subsetNote(table).join(" ") }),
    },
    paper: data.paperRows ? { source: PAPER_SOURCE, footnotes: Object.fromEntries([...PAPER_FOOTNOTES].map(([n, t]) => [String(n), t])) } : null,
    runs: data.runs.map((run) => ({
      label: run.label,
      name: run.name,
      dir: run.dir,
      tasks: run.tasks.map((t) => ({
        task: t.task,
        split: t.split,
        n: t.n,
        ...(t.partial === undefined ? {} : { partial: { ...t.partial } }),
        features: t.features,
        truncated: t.truncated,
        metrics: Object.fromEntries(
          t.metrics.map((m) => [
            m.key,
            { value: m.value, low: m.low, high: m.high, tunedOnDev: m.tunedOnDev, ...(m.crossFitted === true ? { crossFitted: true as const } : {}) },
          ]),
        ),
        ciNote: t.ciNote,
        timing: { seconds: t.seconds, examplesPerSecond: t.examplesPerSecond, batches: t.batches, cachedBatches: t.cachedBatches },
        warnings: [...t.warnings],
        provenance: { ...t.provenance, command: [...t.provenance.command] },
        analysis: t.analysis,
        errors: [...t.errors],
      })),
    })),
    ...(matrices.length > 0 ? { precisionMatrices: [...matrices] } : {}),
  };
}

/** A row's subset marks by column id, when it has any. */
function subsetOf(table: PaperTable, row: TableRow): { subset?: Record<string, boolean[]> } {
  const marked = table.columns.flatMap((c, i): [string, boolean[]][] => {
    const subset = row.cells[i]?.subset;
    return subset === undefined ? [] : [[c.id, [...subset]]];
  });
  return marked.length === 0 ? {} : { subset: Object.fromEntries(marked) };
}

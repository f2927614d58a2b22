/** The precision matrix as terminal text, as a markdown section with a chart. Pure: data in, text out. */
import Table from "cli-table3";
import { describePrecision, precisionName } from "../../precision.js";
import { terminalText } from "../../util/escape-terminal.js";
import { mdCell, mdCode, mermaidString } from "../escape-markdown.js";
import { fixed, formatMetric, formatP, formatShare, formatSigned, mdTable, toPoints } from "../format.js";
import type { MatrixModel, MatrixRow, MatrixTask, MetricDiff, PrecisionMatrix } from "../report-data.js";
import { SUBSET_MARK } from "../table.js";

const HEAD = ["task", "model", "precision", "metric", "value", "Δ (95% CI)", "McNemar p", "agreement", "speed ×", "size"];

const points = (value: number, m: MetricDiff): number => (m.unit === "fraction" || m.unit === "percent" ? toPoints(value, m.unit) : value);

function delta(m: MetricDiff, baseline: boolean): string {
  if (baseline) return "baseline";
  if (m.diff === null) return "-";
  const ci = m.low === null || m.high === null ? "" : ` (${formatSigned(points(m.low, m))} … ${formatSigned(points(m.high, m))})`;
  return `${formatSigned(points(m.diff, m))}${ci}`;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "-";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? String(value) : fixed(value, value < 10 ? 2 : 1)} ${units[unit]}`;
}

const shortPrecision = (m: MatrixModel): string => (m.precision === null ? m.dtype : precisionName(m.precision));

/** The task's title, with its counts and the subset mark when its examples are a subset of the split. */
const taskTitle = (task: MatrixTask): string =>
  task.partial === undefined ? task.title : `${task.title} (${task.partial.n} of ${task.partial.of}) ${SUBSET_MARK}`;

/** One line per metric; the per-run columns on the first line of each run. */
function rowCells(task: MatrixTask, row: MatrixRow, first: boolean): string[][] {
  const metrics = row.metrics.length > 0 ? row.metrics : [null];
  return metrics.map((m, k) => {
    const head = k === 0 ? [first ? taskTitle(task) : "", row.model.label, shortPrecision(row.model)] : ["", "", ""];
    const metric =
      m === null
        ? ["-", "-", "-"]
        : [
            m.tunedOnDev ? `${m.key} (tuned on dev)` : m.crossFitted === true ? `${m.key} (cross-fitted)` : m.key,
            formatMetric(m.b, m.unit),
            delta(m, row.baseline),
          ];
    const tail =
      k === 0
        ? [row.baseline ? "-" : formatP(row.mcnemar?.pValue ?? null), formatShare(row.agreement), speedCell(row), formatBytes(row.model.bytes)]
        : ["", "", "", ""];
    return [...head, ...metric, ...tail];
  });
}

/** The ratio, or why there is none and how to get one. */
function speedCell(row: MatrixRow): string {
  if (row.speedRatio !== null) return fixed(row.speedRatio, 2);
  switch (row.speedNote) {
    case "cached":
      return "cached: --no-cache";
    case "baseline cached":
      return "baseline cached: --no-cache";
    case "below timing floor":
      return "< 1 s timed";
    case null:
      return "-";
  }
}

function taskRows(task: MatrixTask): string[][] {
  return task.rows.flatMap((row, i) => rowCells(task, row, i === 0));
}

function notes(matrix: PrecisionMatrix): string[] {
  const { resamples, seed, level } = matrix.ci;
  const subsets = matrix.tasks.some((t) => t.partial !== undefined)
    ? [`${SUBSET_MARK} Over a subset of the split (--limit, or one shard): not the dev-set scores.`]
    : [];
  return [
    ...subsets,
    `Baseline: ${matrix.baseline}. Δ: the run minus the baseline, in points (×100 for GLUE); interval: paired bootstrap over the examples (${resamples} resamples, seed ${seed}, ${fixed(level * 100, 0)}%).`,
    "McNemar p: exact test on which examples each gets right (classification). Agreement: identical predictions (SQuAD: answers).",
    "Speed ×: model inference examples/s relative to the baseline (tokenization is the same for all), from outputs computed in both runs.",
    "  cached: that run's outputs, or the baseline's, were read from the cache, which times nothing; rerun with --no-cache to measure.",
    "  < 1 s timed: under 1 s of inference on a side, too short to compare (one 0.1 s pass varies by half from run to run).",
    "Size: the graph and its external data.",
  ];
}

function models(matrix: PrecisionMatrix): MatrixModel[] {
  const out: MatrixModel[] = [];
  for (const row of matrix.tasks.flatMap((t) => t.rows)) if (!out.some((m) => m.dir === row.model.dir)) out.push(row.model);
  return out;
}

/** `text` escapes the names for the medium, `file` shows the model file. */
const modelLine = (m: MatrixModel, text: (s: string) => string, file: (s: string) => string): string =>
  `${text(m.label)}: ${file(m.file)} (--dtype ${text(m.dtype)}), ${m.precision === null ? "precision not recorded" : describePrecision(m.precision)}, sha256 ${m.sha256.slice(0, 12)}`;

export function renderMatrix(matrix: PrecisionMatrix): string {
  const table = new Table({
    head: HEAD,
    colAligns: ["left", "left", "left", "left", "right", "right", "right", "right", "right", "right"],
    style: { head: [], border: [] },
  });
  for (const task of matrix.tasks) for (const cells of taskRows(task)) table.push(cells.map(terminalText));
  return `${[table.toString(), "", ...models(matrix).map((m) => modelLine(m, terminalText, terminalText)), "", ...notes(matrix)].join("\n")}\n`;
}

/** Per task, the primary metric per precision as bars, the axis fitted to the values so that small differences show. */
function chart(task: MatrixTask): string | null {
  const bars = task.rows.flatMap((row) => {
    const m = row.metrics.find((x) => x.key === task.primary);
    return m === undefined || m.b === null ? [] : [{ label: shortPrecision(row.model), value: points(m.b, m) }];
  });
  if (bars.length < 2) return null;
  const values = bars.map((b) => b.value);
  const low = Math.floor(Math.min(...values)) - 1;
  const high = Math.ceil(Math.max(...values)) + 1;
  return [
    "```mermaid",
    "xychart-beta",
    `  title ${mermaidString(`${task.title} ${task.primary} by precision`)}`,
    `  x-axis [${bars.map((b) => mermaidString(b.label)).join(", ")}]`,
    `  y-axis ${mermaidString(task.primary)} ${low} --> ${high}`,
    `  bar [${values.map((v) => fixed(v, 2)).join(", ")}]`,
    "```",
  ].join("\n");
}

export function renderMatrixMarkdown(matrix: PrecisionMatrix): string {
  const out = ["## Precision comparison", ""];
  const rows = matrix.tasks.flatMap((t) => taskRows(t).map((cells) => cells.map(mdCell)));
  out.push(mdTable(HEAD, rows, ["l", "l", "l", "l", "r", "r", "r", "r", "r", "r"]), "");
  out.push(...models(matrix).map((m) => `- ${modelLine(m, mdCell, (file) => mdCode(file))}`), "");
  out.push(...notes(matrix), "");
  for (const task of matrix.tasks) {
    const block = chart(task);
    if (block !== null) out.push(block, "");
  }
  return out.join("\n");
}

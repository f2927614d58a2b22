/**
 * The HTML report (`glue-eval report --html`): one self-contained page, its charts static
 * SVG drawn at report time, its only style inline; no script, font, image or stylesheet is
 * fetched (its Content-Security-Policy forbids it). Pure: the same data give the same bytes.
 */
import { describePrecision } from "../../precision.js";
import { fixed, formatP, formatShare, formatSigned, toPoints } from "../format.js";
import { methodText } from "../render/markdown.js";
import { formatBytes } from "../render/matrix.js";
import type { MetricDiff, PrecisionMatrix, ReportData, ReportRun } from "../report-data.js";
import { precisionChart } from "./charts-matrix.js";
import { el, esc } from "./escape.js";
import { STYLE } from "./style.js";
import { htmlTable, paperTable, provenanceTables } from "./tables.js";
import { figure, taskSection } from "./task.js";

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const points = (value: number | null, m: MetricDiff): string =>
  value === null ? "-" : formatSigned(m.unit === "fraction" || m.unit === "percent" ? toPoints(value, m.unit) : value);

function matrixSection(matrix: PrecisionMatrix): string {
  const rows = matrix.tasks.flatMap((task) =>
    task.rows.map((row) => {
      const m = row.metrics.find((x) => x.key === task.primary);
      const delta = row.baseline
        ? "baseline"
        : m === undefined
          ? "-"
          : `${points(m.diff, m)}${m.low === null ? "" : ` (${points(m.low, m)} … ${points(m.high, m)})`}`;
      return [
        esc(task.title),
        esc(row.model.label),
        esc(row.model.precision === null ? row.model.dtype : describePrecision(row.model.precision)),
        esc(`${task.primary} ${delta}`),
        esc(row.baseline ? "-" : formatP(row.mcnemar?.pValue ?? null)),
        esc(formatShare(row.agreement)),
        esc(row.speedRatio === null ? (row.cached ? "cached" : "-") : fixed(row.speedRatio, 2)),
        esc(formatBytes(row.model.bytes)),
      ];
    }),
  );
  const charts = matrix.tasks.map((task) =>
    figure(
      precisionChart(task),
      "precision",
      task.task,
      `${task.title}: difference from ${matrix.baseline} in ${task.primary}, with its paired bootstrap interval.`,
    ),
  );
  return [
    el("h2", `Precision comparison against ${matrix.baseline}`),
    htmlTable(["task", "run", "precision", "Δ (95% CI), points", "McNemar p", "agreement", "speed ×", "size"], rows, [4, 5, 6, 7]),
    ...charts,
  ].join("\n");
}

function runSection(run: ReportRun, i: number): string {
  return [
    `<section class="run" id="run-${i + 1}">`,
    el("h2", run.label),
    `<p>Results folder: <code>${esc(run.dir)}</code></p>`,
    ...run.tasks.map(taskSection),
    el("h3", "Provenance"),
    provenanceTables(run),
    "</section>",
  ].join("\n");
}

export function renderHtml(data: ReportData, matrices: readonly PrecisionMatrix[] = []): string {
  const title = `glue-eval report: ${data.runs.map((r) => r.label).join(", ") || "no runs"}`;
  const nav = data.runs.map((r, i) => `<li><a href="#run-${i + 1}">${esc(r.label)}</a> <code>${esc(r.dir)}</code></li>`).join("");
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    el("title", title),
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    el("h1", "glue-eval report"),
    `<nav><ul>${nav}</ul></nav>`,
    el("h2", "Results"),
    paperTable(data),
    ...matrices.map(matrixSection),
    ...data.runs.map(runSection),
    el("h2", "Method"),
    el("p", methodText(data.ci)),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

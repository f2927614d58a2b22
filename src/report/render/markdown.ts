/** The markdown report. Pure: the same data always gives the same text. */
import { renderChart } from "./chart.js";
import { mdCell, mdCode } from "../escape-markdown.js";
import { fixed } from "../format.js";
import { renderMatrixMarkdown } from "./matrix.js";
import { renderRunSection } from "./markdown-run.js";
import type { CiSettings } from "../stats/bootstrap.js";
import type { PrecisionMatrix, ReportData } from "../report-data.js";
import { PAPER_SOURCE } from "../paper.js";
import { renderMarkdownTable } from "./table.js";
import { buildPaperTable, tableRuns } from "../table.js";

export function methodText(ci: CiSettings): string {
  const level = fixed(ci.level * 100, 0);
  const lowP = fixed(((1 - ci.level) / 2) * 100, 1);
  const highP = fixed(((1 + ci.level) / 2) * 100, 1);
  return [
    `Confidence intervals: ${level}% percentile bootstrap over the evaluated examples (SQuAD: questions).`,
    `Each of ${ci.resamples} resamples draws n examples with replacement (seed ${ci.seed}, so the intervals are the same on every run)`,
    `and recomputes the metric; the bounds are the ${lowP}th and ${highP}th percentiles of the resampled values.`,
    "GLUE metrics are recomputed from the predictions with the same metric functions as the evaluation;",
    "SQuAD metrics average the per-question exact match and F1 (×100).",
    "The intervals show the sampling uncertainty of the dev set only, not the variation between fine-tuning runs.",
  ].join("\n");
}

const CROSSFIT_TEXT = [
  "crossfit_exact and crossfit_f1 (SQuAD 2.0, cross-fitted): the questions are split in two halves by a seeded shuffle; on each half the",
  "no-answer threshold over the null odds is tuned as the official script tunes best_*, and the other half is scored at it. Unlike best_*,",
  "no question's own score chooses the threshold applied to it.",
].join("\n");

function tableSection(data: ReportData): string[] {
  const table = buildPaperTable(tableRuns(data), data.paperRows);
  const out = ["## Results", "", renderMarkdownTable(table), ""];
  out.push(
    'Dev-set scores ×100 with one decimal (SQuAD F1 and EM are already percentages); "-": not evaluated or not reported.',
    "Bold: the best value of each column. SQuAD 2.0 F1/EM are at the run's null-score threshold, not the best_* values tuned on dev.",
    "",
  );
  if (data.paperRows) {
    out.push(`Reference rows: ${PAPER_SOURCE}.`, "");
    for (const note of table.footnotes) out.push(`${note.mark} ${note.text}`, "");
  }
  return out;
}

function chartSection(data: ReportData): string[] {
  const chart = renderChart(tableRuns(data));
  if (chart.block === null && chart.caption.length === 0) return [];
  const out = ["## Scores per task", ""];
  if (chart.block !== null) out.push(chart.block, "");
  if (chart.caption.length > 0) out.push(chart.caption.join("\n"), "");
  return out;
}

/** `matrices`: precision comparisons of the report's runs (compare/matrix.ts), one section each. */
export function renderMarkdown(data: ReportData, matrices: readonly PrecisionMatrix[] = []): string {
  const out: string[] = ["# glue-eval report", ""];
  if (data.runs.length > 0) {
    out.push("Models:", "", ...data.runs.map((r) => `- ${mdCell(r.label)}: ${mdCode(r.dir)}`), "");
  }
  out.push(...tableSection(data), ...chartSection(data));
  for (const matrix of matrices) out.push(renderMatrixMarkdown(matrix));
  for (const run of data.runs) out.push(renderRunSection(run, data.ci));
  out.push("## Method", "", methodText(data.ci), "");
  if (data.runs.some((r) => r.tasks.some((t) => t.metrics.some((m) => m.crossFitted === true)))) out.push(CROSSFIT_TEXT, "");
  return out.join("\n");
}

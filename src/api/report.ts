/**
 * report(options): runs' results folders into the report as data (the paper's table, 95%
 * bootstrap intervals, speed, provenance, the precision comparison of a model's dtypes), as
 * `glue-eval report`; the markdown, JSON and HTML files are written only when named.
 */
import { UsageError } from "../errors.js";
import { precisionMatrices } from "../compare/matrix.js";
import { buildReport } from "../report/build.js";
import type { PrecisionMatrix, ReportData } from "../report/report-data.js";
import { toReportJson, type ReportJson } from "../report/render/json.js";
import { buildPaperTable, type PaperTable, tableRuns } from "../report/table.js";
import { defaultReportPath, writeJsonReport, writeMarkdownReport } from "../report/write.js";
import { loadRuns } from "../results/read.js";

export interface ReportOptions {
  /** Results folders: a model's folder of <task>.json files, or a folder of such folders. */
  runs: string | readonly string[];
  /** The DeBERTa paper's reference rows in the table. Default true. */
  paperRows?: boolean;
  /** Write the markdown report here; true: reports/<model names>.md, as the command line. */
  markdown?: string | boolean;
  /** Write the report's JSON (schema glue-eval/report@1) here. */
  json?: string;
  /** Write the self-contained HTML page here. */
  html?: string;
}

export interface Report {
  data: ReportData;
  /** One per model evaluated in several precisions, against its fp32 graph. */
  matrices: PrecisionMatrix[];
  /** The paper's table, the runs' rows below the reference rows (when asked for). */
  table: PaperTable;
  /** The JSON form (docs/report-schema.md). */
  json: ReportJson;
  /** The files written, in the order markdown, JSON, HTML. */
  written: string[];
}

export async function report(options: ReportOptions): Promise<Report> {
  const dirs = typeof options.runs === "string" ? [options.runs] : [...options.runs];
  if (dirs.length === 0) throw new UsageError("report: give at least one results folder (e.g. results/ or results/<model>)");
  const runs = await loadRuns(dirs);
  const data = await buildReport(runs, { paperRows: options.paperRows ?? true });
  const matrices = await precisionMatrices(runs);
  const written: string[] = [];
  const markdown = options.markdown === true ? defaultReportPath(data.runs.map((r) => r.label)) : options.markdown;
  if (typeof markdown === "string") {
    await writeMarkdownReport(markdown, data, matrices);
    written.push(markdown);
  }
  if (options.json !== undefined) {
    await writeJsonReport(options.json, data, matrices);
    written.push(options.json);
  }
  if (options.html !== undefined) {
    // Loaded only when asked: the charts bring Observable Plot and a DOM.
    await (await import("../report/html/write.js")).writeHtmlReport(options.html, data, matrices);
    written.push(options.html);
  }
  return { data, matrices, table: buildPaperTable(tableRuns(data), data.paperRows), json: toReportJson(data, matrices), written };
}

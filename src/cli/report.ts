import { UsageError } from "../errors.js";
import { buildReport } from "../report/build.js";
import { loadRuns } from "../results/read.js";
import { precisionMatrices } from "../compare/matrix.js";
import { renderTerminalTable } from "../report/render/table.js";
import { buildPaperTable, tableRuns } from "../report/table.js";
import { defaultReportPath, writeJsonReport, writeMarkdownReport } from "../report/write.js";
import { defineCommand, parseCommand } from "./flags.js";
import { printHelp } from "./help.js";

/** The flags of `glue-eval report` (the recipes in examples/ are checked against them). */
export const COMMAND = defineCommand({
  name: "report",
  usage: "glue-eval report <results dir>... [options]",
  about: `Merges the runs in the results folders (a model's folder of <task>.json files, or a folder of
such model folders) into the paper's table, prints it and writes a markdown report with 95%
bootstrap confidence intervals, speed, truncation counts and provenance. Runs that are one
model in several precisions (same model folder, different graphs, e.g. from --dtype all) also
get a precision comparison against the fp32 graph: the table of \`glue-eval compare\` and a chart.`,
  operands: true,
  flags: {
    out: { type: "path", arg: "<file>", shown: "reports/<model names>.md", help: "markdown report" },
    json: { type: "path", arg: "<file>", help: "also write the report as JSON (schema glue-eval/report@1, docs/report-schema.md)" },
    html: { type: "path", arg: "<file>", help: "also write the report as one self-contained HTML page with charts (docs/report.md)" },
    "no-paper-rows": { type: "boolean", help: "leave out the reference rows from the DeBERTa paper" },
  },
});

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommand(COMMAND, argv);
  if (parsed === null) return printHelp(COMMAND);
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError("report: give at least one results folder (e.g. results/ or results/<model>)");
  const runs = await loadRuns(positionals);
  const data = await buildReport(runs, { paperRows: !values["no-paper-rows"] });
  const matrices = await precisionMatrices(runs);
  const out = values.out ?? defaultReportPath(data.runs.map((r) => r.label));
  await writeMarkdownReport(out, data, matrices);
  if (values.json !== undefined) await writeJsonReport(values.json, data, matrices);
  if (values.html !== undefined) await (await import("../report/html/write.js")).writeHtmlReport(values.html, data, matrices);
  const table = buildPaperTable(tableRuns(data), data.paperRows);
  process.stdout.write(`${renderTerminalTable(table, { highlight: process.stdout.isTTY === true })}\n`);
  const written = [out, values.json, values.html].filter((f): f is string => f !== undefined);
  process.stderr.write(`wrote ${written.slice(0, -1).join(", ")}${written.length > 1 ? " and " : ""}${written.at(-1) ?? ""}\n`);
  return 0;
}

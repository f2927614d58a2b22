import { report } from "../api/report.js";
import { renderTerminalTable } from "../report/render/table.js";
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
  const { json, html } = values;
  const done = await report({
    runs: positionals,
    paperRows: !values["no-paper-rows"],
    markdown: values.out ?? true,
    ...(json === undefined ? {} : { json }),
    ...(html === undefined ? {} : { html }),
  });
  process.stdout.write(`${renderTerminalTable(done.table, { highlight: process.stdout.isTTY === true })}\n`);
  const { written } = done;
  process.stderr.write(`wrote ${written.slice(0, -1).join(", ")}${written.length > 1 ? " and " : ""}${written.at(-1) ?? ""}\n`);
  return 0;
}

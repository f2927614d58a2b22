import { GlueEvalError, UsageError } from "../errors.js";
import { loadRuns } from "../results/read.js";
import { collectSubmission } from "../submit/collect.js";
import { SUBMISSION_TASKS, writeSubmission } from "../submit/leaderboard.js";
import { defineCommand, parseCommand } from "./flags.js";
import { printHelp } from "./help.js";
import { terminalText } from "../util/escape-terminal.js";

export const COMMAND = defineCommand({
  name: "submit",
  usage: "glue-eval submit <results dir>... [options]",
  about:
    "Writes the GLUE leaderboard archive from test-split results (runs made with --split test, e.g. --task glue,ax): " +
    `${SUBMISSION_TASKS.map((t) => t.submission.file).join(", ")}, each "index<TAB>prediction" with the test file's own index. ` +
    "A folder may hold several model folders (one per task's fine-tuned model); each task must appear once.",
  operands: true,
  flags: {
    out: { type: "path", arg: "<file>", shown: "submission.zip", help: "the zip archive" },
    "allow-missing": { type: "boolean", help: "write the archive even when some tasks have no test results" },
  },
});

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommand(COMMAND, argv);
  if (parsed === null) return printHelp(COMMAND);
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError("submit: give the results folder of the test-split runs");
  const out = values.out ?? "submission.zip";
  const collected = await collectSubmission(await loadRuns(positionals));
  const missing = collected.missing.map((m) => `${m.file} (${m.task}: ${m.reason})`);
  if (collected.files.length === 0) throw new GlueEvalError("DATA", `no test-split results to submit: ${missing.join("; ")}`);
  if (missing.length > 0 && !values["allow-missing"]) {
    throw new GlueEvalError("DATA", `test predictions missing for ${missing.join("; ")}; pass --allow-missing to write the archive without them`);
  }
  await writeSubmission(out, collected.files);
  for (const warning of collected.warnings) process.stderr.write(`glue-eval: warning: ${terminalText(warning)}\n`);
  if (missing.length > 0) process.stderr.write(`glue-eval: warning: left out ${terminalText(missing.join("; "))}\n`);
  const listed = collected.files.map((f) => `  ${f.name}\t${f.rows} rows\tfrom ${f.source}`);
  process.stdout.write(`wrote ${out}\n${listed.join("\n")}\n`);
  return 0;
}

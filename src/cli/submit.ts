import { GlueEvalError, UsageError } from "../errors.js";
import { loadRuns } from "../report/load.js";
import { collectSubmission } from "../submit/collect.js";
import { writeSubmission } from "../submit/leaderboard.js";
import { parseFlags, printedHelp } from "./args.js";
import { terminalText } from "../util/escape-terminal.js";

const HELP = `Usage: glue-eval submit <results dir>... [options]

Writes the GLUE leaderboard archive from test-split results (runs made with --split test):
CoLA.tsv, SST-2.tsv, MRPC.tsv, STS-B.tsv, QQP.tsv, MNLI-m.tsv, MNLI-mm.tsv, QNLI.tsv, RTE.tsv,
WNLI.tsv and AX.tsv, each "index<TAB>prediction" with the test file's own index. A folder may
hold several model folders (one per task's fine-tuned model); each task must appear once.

Options:
  --out <file>        the zip archive (default submission.zip)
  --allow-missing     write the archive even when some tasks have no test results
  -h, --help          show this help`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      out: { type: "string" },
      "allow-missing": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    true,
  );
  if (printedHelp(values, HELP)) return 0;
  if (positionals.length === 0) throw new UsageError("submit: give the results folder of the test-split runs");
  if (values.out === "") throw new UsageError("--out must be a file path");
  const out = values.out ?? "submission.zip";
  const collected = await collectSubmission(await loadRuns(positionals));
  const missing = collected.missing.map((m) => `${m.file} (${m.task}: ${m.reason})`);
  if (collected.files.length === 0) throw new GlueEvalError("DATA", `no test-split results to submit: ${missing.join("; ")}`);
  if (missing.length > 0 && values["allow-missing"] !== true) {
    throw new GlueEvalError("DATA", `test predictions missing for ${missing.join("; ")}; pass --allow-missing to write the archive without them`);
  }
  await writeSubmission(out, collected.files);
  for (const warning of collected.warnings) process.stderr.write(`glue-eval: warning: ${terminalText(warning)}\n`);
  if (missing.length > 0) process.stderr.write(`glue-eval: warning: left out ${terminalText(missing.join("; "))}\n`);
  const listed = collected.files.map((f) => `  ${f.name}\t${f.rows} rows\tfrom ${f.source}`);
  process.stdout.write(`wrote ${out}\n${listed.join("\n")}\n`);
  return 0;
}

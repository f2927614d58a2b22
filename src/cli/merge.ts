/** `glue-eval merge <results dir>...`: joins the shards of a run (`--shard K/N`) into its results. */
import { merge } from "../api/merge.js";
import { UsageError } from "../errors.js";
import { SHARDS_FOLDER } from "../runner/shard.js";
import { defineCommand, parseCommand } from "./flags.js";
import { printHelp } from "./help.js";
import { renderRunSummary } from "./summary.js";
import { terminalText } from "../util/escape-terminal.js";

/** The flags of `glue-eval merge` (the recipes in examples/ are checked against them). */
export const COMMAND = defineCommand({
  name: "merge",
  usage: "glue-eval merge <results dir>... [options]",
  about: `Joins the shards that \`glue-eval --shard K/N\` wrote under <results dir>/${SHARDS_FOLDER}/ into the
results an unsharded run writes there (<task>.json, <task>.predictions.jsonl and, for SQuAD,
the official predictions, n-best and null-odds files), scored over the whole set. A folder
of model folders merges each of them. Nothing is written when a shard is missing, when two
overlap, or when they differ in model, data or flags. Merging again is harmless.`,
  operands: true,
  flags: {
    json: { type: "boolean", help: "print the merged results as JSON on stdout instead of the table" },
  },
});

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommand(COMMAND, argv);
  if (parsed === null) return printHelp(COMMAND);
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError("merge: give the results folder the shards wrote to (their --output-dir)");
  const runs = await merge({
    dirs: positionals,
    command: ["glue-eval", "merge", ...argv],
    onWarning: (m) => process.stderr.write(`glue-eval: warning: ${terminalText(m)}\n`),
    onInfo: (line) => {
      if (!values.json) process.stderr.write(`${terminalText(line)}\n`);
    },
  });
  if (values.json) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
  else process.stdout.write(`${renderRunSummary(runs, process.stdout.isTTY === true)}\n`);
  return 0;
}

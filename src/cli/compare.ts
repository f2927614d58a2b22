import { compare } from "../api/compare.js";
import { RUN_DEFAULTS, RUN_LIMITS } from "../api/defaults.js";
import { UsageError } from "../errors.js";
import { renderComparison } from "../compare/render.js";
import { renderMatrix } from "../report/render/matrix.js";
import { defineCommand, parseCommand } from "./flags.js";
import { printHelp } from "./help.js";

export const COMMAND = defineCommand({
  name: "compare",
  usage: "glue-eval compare <runA> <runB> [options]\n       glue-eval compare <baseline> <run>... [options]",
  about: `Paired comparison of two runs on the same examples (e.g. fp32 and int8 of one model); each
run is one model's results folder. Per task evaluated by both: the metric differences B − A
with paired bootstrap 95% intervals and p-values, McNemar's exact test for classification
tasks, the share of identical predictions and the first examples whose prediction differs.

With several runs (or a folder of runs, such as the output of \`--dtype all\`), the precision
matrix: one row per task and run against the baseline, with the metric difference and its
paired bootstrap interval, McNemar's p, the agreement rate, the inference speed ratio and
the model's size. The baseline is left out of the runs when a folder includes it.`,
  operands: true,
  flags: {
    json: { type: "boolean", help: "print the comparison as JSON (schema glue-eval/compare@1, or glue-eval/compare-matrix@1 for the matrix)" },
    matrix: { type: "boolean", help: "the matrix layout even for a single run" },
    "max-flips": {
      type: "int",
      arg: "<n>",
      ...RUN_LIMITS.maxFlips,
      default: RUN_DEFAULTS.maxFlips,
      help: "differing examples to list per task, when comparing two runs",
    },
  },
});

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommand(COMMAND, argv);
  if (parsed === null) return printHelp(COMMAND);
  const { values, positionals } = parsed;
  if (positionals.length < 2) {
    throw new UsageError(`compare: give a baseline and at least one other results folder, got ${positionals.length}`);
  }
  const [baseline, ...runs] = positionals as [string, ...string[]];
  const done = await compare({ baseline, runs, matrix: values.matrix, maxFlips: values["max-flips"] });
  if (done.kind === "matrix") process.stdout.write(values.json ? `${JSON.stringify(done.matrix, null, 2)}\n` : renderMatrix(done.matrix));
  else process.stdout.write(values.json ? `${JSON.stringify(done.comparison, null, 2)}\n` : renderComparison(done.comparison));
  return 0;
}

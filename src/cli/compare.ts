import { UsageError } from "../errors.js";
import { renderComparison } from "../compare/render.js";
import { compareRuns } from "../compare/runs.js";
import { loadSingleRun } from "../report/load.js";
import { intFlag, parseFlags } from "./args.js";

const HELP = `Usage: glue-eval compare <runA> <runB> [options]

Paired comparison of two runs on the same examples (e.g. fp32 and int8 of one model); each
run is one model's results folder. Per task evaluated by both: the metric differences B − A
with paired bootstrap 95% intervals and p-values, McNemar's exact test for classification
tasks, the share of identical predictions and the first examples whose prediction differs.

Options:
  --json              print the comparison as JSON (schema glue-eval/compare@1)
  --max-flips <n>     differing examples to list per task (default 10)
  -h, --help          show this help`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      json: { type: "boolean" },
      "max-flips": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    true,
  );
  if (values.help === true) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length !== 2) {
    throw new UsageError(`compare: give exactly two results folders (runA runB), got ${positionals.length}`);
  }
  const maxFlips = intFlag("max-flips", values["max-flips"], 10, 0);
  const [dirA, dirB] = positionals as [string, string];
  const runA = await loadSingleRun(dirA, "runA");
  const runB = await loadSingleRun(dirB, "runB");
  const comparison = await compareRuns(runA, runB, { maxFlips });
  process.stdout.write(values.json === true ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparison(comparison));
  return 0;
}

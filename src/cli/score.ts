/**
 * `glue-eval score --task <task> --predictions <file>`: scores a predictions file against the
 * dev set. GLUE: the submission layout (`index<TAB>prediction`, labels as GLUE writes them).
 * SQuAD: the official `{id: answer}` JSON, as evaluate-v1.1.py / evaluate-v2.0.py. Either: a
 * run's own `<task>.predictions.jsonl`.
 */
import { formatMetric } from "../report/format.js";
import { metricUnit } from "../report/units.js";
import { RUN_DEFAULTS } from "../api/defaults.js";
import { score } from "../api/score.js";
import { defineCommand, parseCommand } from "./flags.js";
import { printHelp } from "./help.js";
import { taskHelp } from "./task-help.js";
import { terminalText } from "../util/escape-terminal.js";

export const COMMAND = defineCommand({
  name: "score",
  usage: "glue-eval score --task <task> --predictions <file> [options]",
  about: "Scores a predictions file against the task's dev set with the official metrics.",
  flags: {
    task: { type: "string", arg: "<task>", required: true, hint: "e.g. --task sst2", help: taskHelp("one task:", false) },
    predictions: {
      type: "string",
      arg: "<file>",
      required: true,
      help: "GLUE tasks: the GLUE submission layout, index<TAB>prediction, one row per dev row. squad / squad_v2: the official {question id: answer} JSON. Any task: a run's own <task>.predictions.jsonl (a file ending in .jsonl)",
    },
    "data-dir": { type: "string", arg: "<dir>", default: RUN_DEFAULTS.dataDir, help: "datasets root with glue/<TASK>/ and squad/" },
    "na-probs": { type: "string", arg: "<file>", help: "SQuAD 2.0: the {question id: no-answer probability} JSON" },
    json: { type: "boolean", help: "print one JSON object of metrics on stdout and nothing else" },
  },
});

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommand(COMMAND, argv);
  if (parsed === null) return printHelp(COMMAND);
  const { values } = parsed;
  const naProbs = values["na-probs"];
  const { task, metrics, warnings } = await score({
    task: values.task,
    predictions: values.predictions,
    dataDir: values["data-dir"],
    ...(naProbs === undefined ? {} : { naProbs }),
  });
  for (const w of warnings) process.stderr.write(`glue-eval: warning: ${terminalText(w)}\n`);
  // The terminal spells each metric as the report does; --json keeps the raw values.
  process.stdout.write(
    values.json
      ? `${JSON.stringify(metrics)}\n`
      : `${Object.entries(metrics)
          .map(([k, v]) => `${terminalText(k)}: ${formatMetric(v, metricUnit(task, k))}`)
          .join("\n")}\n`,
  );
  return 0;
}

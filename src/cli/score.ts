/**
 * `glue-eval score --task <task> --predictions <file>`: scores a predictions file against the
 * dev set. GLUE: the submission layout (`index<TAB>prediction`, labels as GLUE writes them).
 * SQuAD: the official `{id: answer}` JSON, as evaluate-v1.1.py / evaluate-v2.0.py.
 */
import { join } from "node:path";
import { UsageError } from "../errors.js";
import { TASK_NAMES, taskDefinition } from "../tasks/catalogue/index.js";
import { scoreGlueFile } from "../tasks/glue/score.js";
import { scoreSquadFile } from "../tasks/squad/score.js";
import { parseFlags } from "./args.js";
import { terminalText } from "../util/escape-terminal.js";

const HELP = `glue-eval score --task <task> --predictions <file> [--data-dir D] [--na-probs F] [--json]

  GLUE tasks: predictions in the GLUE submission layout, index<TAB>prediction, one row per dev row
  squad / squad_v2: the official {question id: answer} JSON; --na-probs for SQuAD 2.0 no-answer probabilities
  --json prints one JSON object of metrics on stdout and nothing else`;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    task: { type: "string" },
    predictions: { type: "string" },
    "data-dir": { type: "string" },
    "na-probs": { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const task = values.task?.trim().toLowerCase();
  if (task === undefined || values.predictions === undefined) throw new UsageError("score needs --task and --predictions");
  const dataDir = values["data-dir"] ?? "data";
  const def = taskDefinition(task);
  if (def === undefined) throw new UsageError(`unknown task "${task}" (valid: ${TASK_NAMES.join(", ")})`);
  let metrics: Record<string, number | null>;
  if (def.kind === "qa") {
    metrics = await scoreSquadFile(def.name, join(dataDir, "squad", def.file), values.predictions, values["na-probs"]);
  } else {
    const result = await scoreGlueFile(def, dataDir, values.predictions);
    for (const w of result.warnings) process.stderr.write(`glue-eval: warning: ${terminalText(w)}\n`);
    metrics = result.metrics;
  }
  process.stdout.write(values.json ? `${JSON.stringify(metrics)}\n` : `${Object.entries(metrics).map(([k, v]) => `${k}: ${v}`).join("\n")}\n`);
  return 0;
}

/**
 * `glue-eval score --task <task> --predictions <file>`: scores a predictions file against the
 * dev set. GLUE: the submission layout (`index<TAB>prediction`, labels as GLUE writes them).
 * SQuAD: the official `{id: answer}` JSON, as evaluate-v1.1.py / evaluate-v2.0.py. Either: a
 * run's own `<task>.predictions.jsonl`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DataError, UsageError } from "../errors.js";
import { formatMetric } from "../report/format.js";
import { readPredictions } from "../report/load.js";
import { metricUnit } from "../report/units.js";
import type { PredictionLine } from "../results.js";
import { TASK_NAMES, taskDefinition } from "../tasks/catalogue/index.js";
import { scoreGlueFile, scoreGlueLines } from "../tasks/glue/score.js";
import { scoreSquadAnswers, scoreSquadFile } from "../tasks/squad/score.js";
import { parseFlags } from "./args.js";

const HELP = `glue-eval score --task <task> --predictions <file> [--data-dir D] [--na-probs F] [--json]

  GLUE tasks: predictions in the GLUE submission layout, index<TAB>prediction, one row per dev row
  squad / squad_v2: the official {question id: answer} JSON; --na-probs for SQuAD 2.0 no-answer probabilities
  any task: a run's own <task>.predictions.jsonl (a file ending in .jsonl)
  --data-dir <dir>  datasets root with glue/<TASK>/ and squad/ (default ./data)
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
  const dataFile = def.kind === "qa" ? join(dataDir, "squad", def.file) : join(dataDir, "glue", def.dev.file);
  if (!existsSync(dataFile)) {
    throw new DataError({ file: dataFile }, `not found: give the datasets folder with --data-dir (now ${dataDir}), or fetch it with glue-eval download --task ${task}`);
  }
  if (!existsSync(values.predictions)) throw new DataError({ file: values.predictions }, "not found");
  const lines = values.predictions.endsWith(".jsonl") ? await readPredictions(values.predictions) : null;
  let metrics: Record<string, number | null>;
  if (def.kind === "qa") {
    metrics =
      lines === null
        ? await scoreSquadFile(def.name, dataFile, values.predictions, values["na-probs"])
        : await scoreSquadAnswers(def.name, dataFile, answersOf(lines, values.predictions), values["na-probs"], values.predictions);
  } else {
    const result = lines === null ? await scoreGlueFile(def, dataDir, values.predictions) : await scoreGlueLines(def, dataDir, lines, values.predictions);
    for (const w of result.warnings) process.stderr.write(`glue-eval: warning: ${w}\n`);
    metrics = result.metrics;
  }
  // The terminal spells each metric as the report does; --json keeps the raw values.
  process.stdout.write(values.json ? `${JSON.stringify(metrics)}\n` : `${Object.entries(metrics).map(([k, v]) => `${k}: ${formatMetric(v, metricUnit(def.name, k))}`).join("\n")}\n`);
  return 0;
}

/** A SQuAD run's predictions file: the answer of each question, by id. */
function answersOf(lines: readonly PredictionLine[], file: string): Map<string, string> {
  const answers = new Map<string, string>();
  lines.forEach((line, i) => {
    if (typeof line.index !== "string") throw new DataError({ file, line: i + 1, field: "index" }, "must be the question id");
    if (typeof line.prediction !== "string") throw new DataError({ file, line: i + 1, field: "prediction" }, "must be the answer text");
    answers.set(line.index, line.prediction);
  });
  return answers;
}

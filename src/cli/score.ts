/**
 * `glue-eval score --task <task> --predictions <file>`: scores a predictions file against the
 * dev set. GLUE: the submission layout (`index<TAB>prediction`, labels as GLUE writes them).
 * SQuAD: the official `{id: answer}` JSON, as evaluate-v1.1.py / evaluate-v2.0.py. Either: a
 * run's own `<task>.predictions.jsonl`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DataError } from "../errors.js";
import { formatMetric } from "../report/format.js";
import { metricUnit } from "../report/units.js";
import { readPredictions } from "../results/read.js";
import type { PredictionLine } from "../results/schema.js";
import { catalogue } from "../tasks/catalogue/index.js";
import { resolveTask } from "../tasks/catalogue/resolve.js";
import { requireDataFiles } from "../tasks/data-files.js";
import { scoreGlueFile, scoreGlueLines } from "../tasks/glue/score-file.js";
import { scoreSquadAnswers, scoreSquadFile } from "../tasks/squad/score-file.js";
import { defineCommand, parseCommand } from "./flags.js";
import { printHelp } from "./help.js";
import { taskHelp } from "./task-help.js";

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
    "data-dir": { type: "string", arg: "<dir>", default: "data", help: "datasets root with glue/<TASK>/ and squad/" },
    "na-probs": { type: "string", arg: "<file>", help: "SQuAD 2.0: the {question id: no-answer probability} JSON" },
    json: { type: "boolean", help: "print one JSON object of metrics on stdout and nothing else" },
  },
});

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommand(COMMAND, argv);
  if (parsed === null) return printHelp(COMMAND);
  const { values } = parsed;
  const def = catalogue[resolveTask(values.task)];
  const dataDir = values["data-dir"];
  requireDataFiles([def], dataDir, "dev");
  const dataFile = def.kind === "qa" ? join(dataDir, "squad", def.file) : join(dataDir, "glue", def.dev.file);
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

/**
 * score(options): a predictions file against the task's dev set with the official metrics, as
 * `glue-eval score`. GLUE: the submission layout (`index<TAB>prediction`). SQuAD: the official
 * `{question id: answer}` JSON, as evaluate-v1.1.py / evaluate-v2.0.py.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DataError } from "../errors.js";
import { readPredictions } from "../results/read.js";
import type { PredictionLine } from "../results/schema.js";
import { catalogue, type TaskName } from "../tasks/catalogue/index.js";
import { resolveTask } from "../tasks/catalogue/resolve.js";
import { requireDataFiles } from "../tasks/data-files.js";
import { scoreGlueFile, scoreGlueLines } from "../tasks/glue/score-file.js";
import { scoreSquadAnswers, scoreSquadFile } from "../tasks/squad/score-file.js";
import { RUN_DEFAULTS } from "./defaults.js";

export interface ScoreOptions {
  /** One task, by name or alias. */
  task: string;
  /** The predictions file: the GLUE submission layout or SQuAD's {id: answer} JSON, or a run's own <task>.predictions.jsonl (a name ending in .jsonl). */
  predictions: string;
  /** The datasets root. Default "data". */
  dataDir?: string;
  /** SQuAD 2.0: the {question id: no-answer probability} JSON. */
  naProbs?: string;
}

export interface Score {
  task: TaskName;
  /** As the results files hold them: GLUE 0..1, SQuAD 0..100. */
  metrics: Record<string, number | null>;
  /** What the score leaves out or assumes (e.g. rows without a label). */
  warnings: string[];
}

export async function score(options: ScoreOptions): Promise<Score> {
  const task = resolveTask(options.task);
  const def = catalogue[task];
  const dataDir = options.dataDir ?? RUN_DEFAULTS.dataDir;
  requireDataFiles([def], dataDir, "dev");
  const file = options.predictions;
  if (!existsSync(file)) throw new DataError({ file }, "not found");
  const lines = file.endsWith(".jsonl") ? await readPredictions(file) : null;
  if (def.kind === "qa") {
    const data = join(dataDir, "squad", def.file);
    const metrics =
      lines === null
        ? await scoreSquadFile(def.name, data, file, options.naProbs)
        : await scoreSquadAnswers(def.name, data, answersOf(lines, file), options.naProbs, file);
    return { task, metrics, warnings: [] };
  }
  const { metrics, warnings } = lines === null ? await scoreGlueFile(def, dataDir, file) : await scoreGlueLines(def, dataDir, lines, file);
  return { task, metrics, warnings };
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

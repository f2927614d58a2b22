/**
 * Scores an official `{question id: answer}` predictions file against a SQuAD dev file,
 * as `python evaluate-v1.1.py data preds` / `evaluate-v2.0.py data preds [-n na_probs]`.
 */
import { DataError } from "../../errors.js";
import { parseSquad, readJsonFile, requireAnswers, type SquadExample, type SquadFile } from "../../data/squad.js";
import type { GoldQuestion } from "../../metrics/squad/question.js";
import { scoreV1 } from "../../metrics/squad/v1.js";
import { scoreV2 } from "../../metrics/squad/v2.js";
import type { SquadTaskDefinition } from "../catalogue/squad.js";

export type SquadTaskName = SquadTaskDefinition["name"];

function readStringMap(file: string, json: unknown): Map<string, string> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new DataError({ file }, "expected one JSON object {question id: answer text}");
  }
  const out = new Map<string, string>();
  for (const [id, value] of Object.entries(json)) {
    if (typeof value !== "string") throw new DataError({ file, field: id }, "expected the answer text as a string");
    out.set(id, value);
  }
  return out;
}

function readNumberMap(file: string, json: unknown): Map<string, number> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new DataError({ file }, "expected one JSON object {question id: no-answer probability}");
  }
  const out = new Map<string, number>();
  for (const [id, value] of Object.entries(json)) {
    if (typeof value !== "number" || !Number.isFinite(value)) throw new DataError({ file, field: id }, "expected a number");
    out.set(id, value);
  }
  return out;
}

export function goldQuestions(examples: readonly SquadExample[]): GoldQuestion[] {
  return examples.map((example) => ({ id: example.id, answers: example.answers.texts }));
}

/** The official scripts' metrics for already-read data and predictions. */
export function scoreSquad(
  task: SquadTaskName,
  data: SquadFile,
  predictions: ReadonlyMap<string, string>,
  naProbs?: ReadonlyMap<string, number>,
): Record<string, number> {
  const questions = goldQuestions(data.examples);
  if (task === "squad") {
    requireAnswers(data);
    return scoreV1(questions, predictions).metrics;
  }
  return scoreV2(questions, predictions, naProbs).metrics;
}

export async function scoreSquadFile(
  task: SquadTaskName,
  dataPath: string,
  predictionsPath: string,
  naProbsPath?: string,
): Promise<Record<string, number | null>> {
  return scoreSquadAnswers(task, dataPath, readStringMap(predictionsPath, await readJsonFile(predictionsPath)), naProbsPath);
}

/**
 * The official scores of answers by question id (from the official JSON, or a run's predictions
 * file). `wholeSet`: the file the answers come from, which must then answer every question (the
 * official script would count the absent ones' gold in best_* and divide by the present ones).
 */
export async function scoreSquadAnswers(
  task: SquadTaskName,
  dataPath: string,
  predictions: ReadonlyMap<string, string>,
  naProbsPath?: string,
  wholeSet?: string,
): Promise<Record<string, number | null>> {
  const data = parseSquad(dataPath, await readJsonFile(dataPath));
  if (wholeSet !== undefined && (predictions.size !== data.examples.length || data.examples.some((q) => !predictions.has(q.id)))) {
    const missing = data.examples.find((q) => !predictions.has(q.id));
    throw new DataError(
      { file: wholeSet },
      `answers ${predictions.size} of the ${data.examples.length} questions of ${dataPath}${missing === undefined ? "" : ` (not ${missing.id})`} (score takes the whole dev set; a --limit or --shard run's file is a subset)`,
    );
  }
  let naProbs: Map<string, number> | undefined;
  if (naProbsPath !== undefined) {
    if (task === "squad") throw new DataError({ file: naProbsPath }, "no-answer probabilities apply to squad_v2 only");
    naProbs = readNumberMap(naProbsPath, await readJsonFile(naProbsPath));
    // The script indexes na_probs by every predicted question and fails on a missing one.
    const lacking = data.examples.find((example) => predictions.has(example.id) && !naProbs?.has(example.id));
    if (lacking) throw new DataError({ file: naProbsPath, field: lacking.id }, `no probability for question ${lacking.id}`);
  }
  return scoreSquad(task, data, predictions, naProbs);
}

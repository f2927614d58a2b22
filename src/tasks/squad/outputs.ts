/** The files run_qa.py writes beside its metrics, in its format, and the per-question lines. */
import type { PredictionLine } from "../../results/schema.js";
import type { GoldQuestion, QuestionScore } from "../../metrics/squad/question.js";
import type { ExtraFile } from "../interface.js";
import type { NBestEntry, QuestionDecoding } from "./decode.js";
import { inPieces } from "../../util/atomic.js";
import { PyObject, type PyValue, pyJsonObjectPieces } from "./pyjson.js";

export interface DecodedQuestion {
  id: string;
  decoding: QuestionDecoding;
  /** A start or end logit of one of its windows is NaN or ±Infinity. */
  nonFinite?: boolean;
}

function nbestObject(entry: NBestEntry): PyObject {
  // utils_qa.py builds the placeholder with its text first and real answers with it third.
  const logits = [
    ["start_logit", entry.startLogit],
    ["end_logit", entry.endLogit],
  ] as const;
  const text = ["text", entry.text] as const;
  const probability = ["probability", entry.probability] as const;
  return new PyObject(entry.placeholder ? [text, ...logits, probability] : [...logits, text, probability]);
}

function* objectFile(decoded: readonly DecodedQuestion[], value: (decoding: QuestionDecoding) => PyValue): Generator<string> {
  // Each question's value is built as its turn comes, not all up front.
  const entries = function* (): Generator<readonly [string, PyValue]> {
    for (const { id, decoding } of decoded) yield [id, value(decoding)];
  };
  yield* pyJsonObjectPieces(entries());
  yield "\n";
}

export function extraFiles(task: string, decoded: readonly DecodedQuestion[], version2: boolean): ExtraFile[] {
  // Rendered question by question when written, after the task's clock stops.
  const render = (value: (decoding: QuestionDecoding) => PyValue) => () => inPieces(objectFile(decoded, value));
  const files: ExtraFile[] = [
    { name: `${task}.predictions.json`, data: render((decoding) => decoding.prediction) },
    { name: `${task}.nbest.json`, data: render((decoding) => decoding.nbest.map(nbestObject)) },
  ];
  if (version2) files.push({ name: `${task}.null_odds.json`, data: render((decoding) => decoding.nullOdds ?? 0) });
  return files;
}

/** Per question: the answer, its scores once scored, and the question and gold answers to read it by. */
export function predictionLines(
  decoded: readonly DecodedQuestion[],
  scores: ReadonlyMap<string, QuestionScore>,
  gold: readonly GoldQuestion[],
  questions: readonly string[] | null,
): PredictionLine[] {
  return decoded.map(({ id, decoding }, i) => {
    const score = scores.get(id);
    const line: PredictionLine = { index: id, prediction: decoding.prediction };
    if (score !== undefined) Object.assign(line, { exact: score.exact, f1: score.f1, hasAnswer: score.hasAnswer });
    const question = questions?.[i];
    if (question !== undefined) line.text = question;
    line.answers = [...(gold[i]?.answers ?? [])];
    return line;
  });
}

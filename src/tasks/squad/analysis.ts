/**
 * A SQuAD task's `analysis` from its scored questions: exact match and F1 by the gold
 * answer's length and, for SQuAD 2.0, the answer-or-abstain decision with its null odds.
 * The HasAns/NoAns split itself is in the official metrics.
 */
import type { TaskAnalysis } from "../../analysis.js";
import { answerLengthView } from "../../metrics/squad/answer-length.js";
import { noAnswerView } from "../../metrics/squad/no-answer.js";
import type { GoldQuestion, QuestionScore } from "../../metrics/squad/question.js";
import type { DecodedQuestion } from "./outputs.js";

export function squadAnalysis(
  version2: boolean,
  decoded: readonly DecodedQuestion[],
  gold: readonly GoldQuestion[],
  scores: ReadonlyMap<string, QuestionScore>,
  threshold: number,
): TaskAnalysis {
  const answered = decoded.map(({ id, decoding }) => ({ prediction: decoding.prediction, exact: scores.get(id)?.exact ?? 0, f1: scores.get(id)?.f1 ?? 0 }));
  const analysis: TaskAnalysis = {
    answerLength: answerLengthView(
      gold.map((q) => q.answers),
      answered,
    ),
  };
  if (version2) {
    const decisions = decoded.map(({ decoding }) => ({ nullOdds: decoding.nullOdds ?? Number.NaN, prediction: decoding.prediction }));
    analysis.noAnswer = noAnswerView(
      gold.map((q) => q.answers.length > 0),
      decisions,
      threshold,
    );
  }
  return analysis;
}

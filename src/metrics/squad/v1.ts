/**
 * SQuAD v1.1 scoring: a faithful port of the official `evaluate-v1.1.py`
 * (rajpurkar/SQuAD-explorer, also HF `evaluate`'s `squad` metric, `compute_score.py`).
 *
 * Same arithmetic in the same order: per question the maximum exact match (0/1) and
 * token F1 over the gold answers, summed in file order, then `100.0 * sum / total`.
 * A question without a prediction scores 0 and still counts in `total`, as in the script
 * (which prints "Unanswered question ... will receive score 0."; here `onMissing` hears it).
 *
 * Difference: the script crashes on a question without gold answers (`max()` of an empty
 * list); callers reject such data before scoring (see `requireAnswers` in data/squad.ts).
 */
import type { WorkedExamples } from "../input.js";
import { commonTokenCount, normalizeAnswer, pySplit } from "./normalize.js";
import type { GoldQuestion, QuestionScore } from "./question.js";

/** `exact_match_score`: 1 when the normalized strings are equal. Worked examples: `exactMatchExamples` below. */
export function exactMatchV1(prediction: string, truth: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(truth) ? 1 : 0;
}

/**
 * `f1_score`: token-overlap F1 of the normalized answers, 0..1.
 * Worked examples: `f1Examples` below, run by the test suite (test/metrics/examples.test.ts).
 */
export function f1V1(prediction: string, truth: string): number {
  return tokenF1(pySplit(normalizeAnswer(prediction)), pySplit(normalizeAnswer(truth)));
}

function tokenF1(predTokens: readonly string[], truthTokens: readonly string[]): number {
  const same = commonTokenCount(predTokens, truthTokens);
  if (same === 0) return 0;
  const precision = (1.0 * same) / predTokens.length;
  const recall = (1.0 * same) / truthTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

function maxOver(truths: readonly string[], score: (truth: string) => number): number {
  let best = Number.NEGATIVE_INFINITY;
  for (const truth of truths) best = Math.max(best, score(truth));
  return truths.length === 0 ? 0 : best;
}

export interface V1Result {
  metrics: { exact_match: number; f1: number };
  /** Per answered question, in file order. */
  perQuestion: Map<string, QuestionScore>;
}

/**
 * The script's `evaluate(dataset, predictions)`: `exact_match` and `f1`, 0..100, over every
 * question of the data (unanswered ones score 0).
 */
export function scoreV1(questions: readonly GoldQuestion[], predictions: ReadonlyMap<string, string>, onMissing?: (id: string) => void): V1Result {
  let exact = 0;
  let f1 = 0;
  const perQuestion = new Map<string, QuestionScore>();
  for (const question of questions) {
    const prediction = predictions.get(question.id);
    if (prediction === undefined) {
      onMissing?.(question.id);
      continue;
    }
    // exactMatchV1 and f1V1 over every gold answer, each string normalized once.
    const predicted = normalizeAnswer(prediction);
    const predictedTokens = pySplit(predicted);
    const truths = question.answers.map(normalizeAnswer);
    const score = {
      exact: maxOver(truths, (truth) => (predicted === truth ? 1 : 0)),
      f1: maxOver(truths, (truth) => tokenF1(predictedTokens, pySplit(truth))),
      hasAnswer: true,
    };
    exact += score.exact;
    f1 += score.f1;
    perQuestion.set(question.id, score);
  }
  const total = questions.length;
  return { metrics: { exact_match: (100.0 * exact) / total, f1: (100.0 * f1) / total }, perQuestion };
}

export const exactMatchExamples: WorkedExamples<string> = {
  metric: (gold, pred) => exactMatchV1(pred, gold),
  cases: [
    { gold: "the Denver Broncos", pred: "Denver Broncos", expected: 1, why: "articles and case are ignored" },
    { gold: "1,000", pred: "1000", expected: 1, why: "punctuation is removed" },
    { gold: "Denver Broncos", pred: "Broncos", expected: 0, why: "a partial answer does not match" },
  ],
};

export const f1Examples: WorkedExamples<string> = {
  metric: (gold, pred) => f1V1(pred, gold),
  cases: [
    { gold: "the Denver Broncos", pred: "Denver Broncos", expected: 1, why: "tokens [denver, broncos] on both sides" },
    { gold: "Denver Broncos", pred: "Broncos", expected: 2 / 3, why: "P = 1/1, R = 1/2: 2·(1/2)/(3/2)" },
    { gold: "Norman", pred: "the Normans", expected: 0, why: "no token in common" },
  ],
};

/**
 * SQuAD 2.0 scoring: a faithful port of the official `evaluate-v2.0.py`
 * (rajpurkar/SQuAD-explorer; HF `evaluate`'s `squad_v2` metric is the same code).
 *
 * Kept exactly: gold answers that normalize to "" are dropped and an unanswerable
 * question's only gold answer is ""; a question without a prediction is left out of the
 * scores and of `total` (the script prints "Missing prediction for ..."); a question
 * counts as answerable when its `answers` list is non-empty; na_prob > threshold (1.0)
 * turns a prediction into "no answer"; `best_*` walks the questions in ascending
 * na_prob order (stable sort over the na_prob keys in their order) as `find_best_thresh`.
 *
 * Differences: the script computes `best_*` only when given a na_prob file; like HF
 * `evaluate` (and run_qa.py) it is always computed here, with na_prob 0 for every
 * prediction by default. With missing predictions the script crashes in HasAns/NoAns
 * (KeyError); here those groups cover the questions that were scored.
 */
import type { WorkedExamples } from "../input.js";
import { commonTokenCount, normalizeAnswer, pySplit } from "./normalize.js";
import type { GoldQuestion, QuestionScore } from "./question.js";

export const NA_PROB_THRESHOLD = 1.0;

function getTokens(text: string): string[] {
  return text === "" ? [] : pySplit(normalizeAnswer(text));
}

/** `compute_exact`: 1 when the normalized strings are equal. Worked examples: `exactExamples` below. */
export function computeExact(gold: string, prediction: string): number {
  return normalizeAnswer(gold) === normalizeAnswer(prediction) ? 1 : 0;
}

/**
 * `compute_f1`: token F1, 0..1; when either side has no tokens, 1 if both have none.
 * Worked examples: `f1Examples` below, run by the test suite (test/metrics/examples.test.ts).
 */
export function computeF1(gold: string, prediction: string): number {
  return tokenF1(getTokens(gold), getTokens(prediction));
}

function tokenF1(goldTokens: readonly string[], predTokens: readonly string[]): number {
  const same = commonTokenCount(goldTokens, predTokens);
  if (goldTokens.length === 0 || predTokens.length === 0) {
    return goldTokens.length === predTokens.length ? 1 : 0;
  }
  if (same === 0) return 0;
  const precision = (1.0 * same) / predTokens.length;
  const recall = (1.0 * same) / goldTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

export interface RawScores {
  exact: Map<string, number>;
  f1: Map<string, number>;
}

/** `get_raw_scores`: per predicted question, the maximum over its gold answers. */
export function getRawScores(questions: readonly GoldQuestion[], predictions: ReadonlyMap<string, string>, onMissing?: (id: string) => void): RawScores {
  const exact = new Map<string, number>();
  const f1 = new Map<string, number>();
  for (const question of questions) {
    const prediction = predictions.get(question.id);
    if (prediction === undefined) {
      onMissing?.(question.id);
      continue;
    }
    // computeExact and computeF1 over the gold answers that do not normalize to "" (else [""]),
    // each string normalized once; getTokens(x) is pySplit(normalizeAnswer(x)) for every x.
    let golds = question.answers.map(normalizeAnswer).filter((gold) => gold !== "");
    if (golds.length === 0) golds = [""];
    const predicted = normalizeAnswer(prediction);
    const predictedTokens = pySplit(predicted);
    exact.set(question.id, Math.max(...golds.map((gold) => (gold === predicted ? 1 : 0))));
    f1.set(question.id, Math.max(...golds.map((gold) => tokenF1(pySplit(gold), predictedTokens))));
  }
  return { exact, f1 };
}

/** `apply_no_ans_threshold`. */
export function applyNoAnsThreshold(
  scores: ReadonlyMap<string, number>,
  naProbs: ReadonlyMap<string, number>,
  hasAnswer: ReadonlyMap<string, boolean>,
  threshold: number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, score] of scores) {
    const predictedNoAnswer = (naProbs.get(id) ?? 0) > threshold;
    out.set(id, predictedNoAnswer ? (hasAnswer.get(id) ? 0 : 1) : score);
  }
  return out;
}

/** `make_eval_dict`: over all scored questions, or over `ids` when given and non-empty. */
export function makeEvalDict(
  exact: ReadonlyMap<string, number>,
  f1: ReadonlyMap<string, number>,
  ids?: readonly string[],
): { exact: number; f1: number; total: number } {
  const keys = ids === undefined || ids.length === 0 ? [...exact.keys()] : ids;
  let exactSum = 0;
  let f1Sum = 0;
  for (const id of keys) {
    exactSum += exact.get(id) ?? 0;
    f1Sum += f1.get(id) ?? 0;
  }
  const total = keys.length;
  return { exact: (100.0 * exactSum) / total, f1: (100.0 * f1Sum) / total, total };
}

/** `find_best_thresh`: the best score reachable by one na_prob threshold, and that threshold. */
export function findBestThresh(
  predictions: ReadonlyMap<string, string>,
  scores: ReadonlyMap<string, number>,
  naProbs: ReadonlyMap<string, number>,
  hasAnswer: ReadonlyMap<string, boolean>,
): { score: number; thresh: number } {
  let current = 0;
  for (const answerable of hasAnswer.values()) if (!answerable) current += 1;
  let best = current;
  let bestThresh = 0.0;
  // Array.prototype.sort is stable, as Python's sorted().
  const order = [...naProbs.keys()].sort((a, b) => compareNumbers(naProbs.get(a) ?? 0, naProbs.get(b) ?? 0));
  for (const id of order) {
    const score = scores.get(id);
    if (score === undefined) continue;
    const diff = hasAnswer.get(id) ? score : predictions.get(id) ? -1 : 0;
    current += diff;
    if (current > best) {
      best = current;
      bestThresh = naProbs.get(id) ?? 0;
    }
  }
  return { score: (100.0 * best) / scores.size, thresh: bestThresh };
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type V2Metrics = Record<string, number>;

export interface V2Result {
  metrics: V2Metrics;
  /** Per scored question after the na_prob threshold, in file order. */
  perQuestion: Map<string, QuestionScore>;
}

/**
 * The script's `main` (with HF `evaluate`'s always-computed `best_*`): keys exact, f1,
 * total, HasAns_*, NoAns_* (each group only when it has questions), best_exact(_thresh),
 * best_f1(_thresh); values 0..100 except totals and thresholds.
 * @param naProbs per question id, in the na_prob file's order; default 0 for every prediction.
 */
export function scoreV2(
  questions: readonly GoldQuestion[],
  predictions: ReadonlyMap<string, string>,
  naProbs: ReadonlyMap<string, number> = new Map([...predictions.keys()].map((id) => [id, 0.0])),
  onMissing?: (id: string) => void,
): V2Result {
  const hasAnswer = new Map(questions.map((q) => [q.id, q.answers.length > 0]));
  const raw = getRawScores(questions, predictions, onMissing);
  const exact = applyNoAnsThreshold(raw.exact, naProbs, hasAnswer, NA_PROB_THRESHOLD);
  const f1 = applyNoAnsThreshold(raw.f1, naProbs, hasAnswer, NA_PROB_THRESHOLD);
  const metrics: V2Metrics = { ...makeEvalDict(exact, f1) };
  for (const [prefix, answerable] of [
    ["HasAns", true],
    ["NoAns", false],
  ] as const) {
    const ids = questions.filter((q) => hasAnswer.get(q.id) === answerable && exact.has(q.id)).map((q) => q.id);
    if (ids.length === 0) continue;
    for (const [key, value] of Object.entries(makeEvalDict(exact, f1, ids))) metrics[`${prefix}_${key}`] = value;
  }
  const bestExact = findBestThresh(predictions, raw.exact, naProbs, hasAnswer);
  const bestF1 = findBestThresh(predictions, raw.f1, naProbs, hasAnswer);
  metrics.best_exact = bestExact.score;
  metrics.best_exact_thresh = bestExact.thresh;
  metrics.best_f1 = bestF1.score;
  metrics.best_f1_thresh = bestF1.thresh;
  const perQuestion = new Map<string, QuestionScore>();
  for (const [id, value] of exact) {
    perQuestion.set(id, { exact: value, f1: f1.get(id) ?? 0, hasAnswer: hasAnswer.get(id) ?? false });
  }
  return { metrics, perQuestion };
}

export const exactExamples: WorkedExamples<string> = {
  metric: computeExact,
  cases: [
    { gold: "", pred: "", expected: 1, why: "no answer predicted for an unanswerable question" },
    { gold: "", pred: "Paris", expected: 0, why: "an answer to an unanswerable question" },
    { gold: "The Eiffel Tower", pred: "eiffel tower.", expected: 1, why: "case, articles and punctuation are ignored" },
  ],
};

export const f1Examples: WorkedExamples<string> = {
  metric: computeF1,
  cases: [
    { gold: "", pred: "", expected: 1, why: "both sides without tokens" },
    { gold: "", pred: "Paris", expected: 0, why: "one side without tokens" },
    { gold: "Denver Broncos", pred: "Broncos", expected: 2 / 3, why: "P = 1/1, R = 1/2: 2·(1/2)/(3/2)" },
    { gold: "Norman", pred: "the Normans", expected: 0, why: "no token in common" },
  ],
};

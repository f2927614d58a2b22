/**
 * SQuAD 2.0 with a cross-fitted no-answer threshold: an honest counterpart of `best_exact` /
 * `best_f1`, which tune their threshold on the very questions they score and so can only
 * flatter the model.
 *
 * The scored questions are split in two halves by a seeded shuffle. On each half the
 * threshold is tuned exactly as the official script's `find_best_thresh` tunes it (the walk in
 * ascending na_prob order that `best_*` uses); the other half is then scored at that threshold
 * as `apply_no_ans_threshold` does (na_prob > threshold: "no answer"). `crossfit_exact` is the
 * exact match over both halves, each scored at the threshold of the other (`crossfit_f1`
 * likewise, with F1 and F1's thresholds). Range 0..100, higher is better; it never uses a
 * question's own score to choose the threshold applied to it.
 *
 * Worked examples: `crossfitExactExamples` and `crossfitF1Examples` below, run by the test suite. Halves [q1, q2] and [q3, q4];
 * q1 "Paris" answered "Paris" (na_prob 0.1), q2 unanswerable answered "London" (0.9), q3 "Rome"
 * answered "Rome" (0.2), q4 unanswerable answered "Berlin" (0.8):
 * - tuned on [q1, q2]: start at 1 (q2 abstains), q1 adds 1 → 2 at 0.1, q2 takes 1 away: 0.1.
 *   Applied to [q3, q4]: both na_prob > 0.1, so both abstain: q3 0, q4 1.
 * - tuned on [q3, q4]: 0.2. Applied to [q1, q2]: q1 answers (0.1 ≤ 0.2), right; q2 abstains: 2.
 * - crossfit_exact = 100 · (1 + 2) / 4 = 75, while best_exact (tuned on all four, 0.2) is 100.
 */
import type { WorkedExamples } from "../input.js";
import type { GoldQuestion } from "./question.js";
import { applyNoAnsThreshold, findBestThresh, getRawScores } from "./v2.js";

/** The seed of the split, fixed so that the figure is the same on every run. */
export const CROSSFIT_SEED = 20260101;

export interface CrossfitResult {
  exact: number;
  f1: number;
  /** Questions in each half. */
  halves: [number, number];
  /** The thresholds tuned on the first and on the second half. */
  thresholds: { exact: [number, number]; f1: [number, number] };
}

/**
 * The scored questions' ids (those with a prediction, in question order) split in two halves
 * by a Fisher–Yates shuffle seeded with `seed` (a splitmix32 stream): the first ⌊n/2⌋ and the rest.
 */
export function seededHalves(ids: readonly string[], seed: number = CROSSFIT_SEED): [string[], string[]] {
  const order = [...ids];
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  for (let i = order.length - 1; i > 0; i--) {
    // The modulo bias of 2^32 mod (i + 1) is below 1e-4 for any dev set; the split only has to be fixed and mixed.
    const j = next() % (i + 1);
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  const cut = Math.floor(order.length / 2);
  return [order.slice(0, cut), order.slice(cut)];
}

/** `map` restricted to `keep`, in `map`'s own order (find_best_thresh's sort is stable over the na_prob order). */
function only<T>(map: ReadonlyMap<string, T>, keep: ReadonlySet<string>): Map<string, T> {
  return new Map([...map].filter(([id]) => keep.has(id)));
}

/**
 * Cross-fitted exact and F1 over the given halves; null when a half is empty (fewer than two
 * scored questions). `naProbs` in the order a na_prob file lists them (default 0 for each).
 */
export function crossfitScores(
  questions: readonly GoldQuestion[],
  predictions: ReadonlyMap<string, string>,
  naProbs: ReadonlyMap<string, number>,
  halves: readonly [readonly string[], readonly string[]],
): CrossfitResult | null {
  const [first, second] = halves.map((h) => new Set(h)) as [Set<string>, Set<string>];
  if (first.size === 0 || second.size === 0) return null;
  const hasAnswer = new Map(questions.map((q) => [q.id, q.answers.length > 0]));
  const raw = getRawScores(questions, predictions);
  const heldOut = (scores: ReadonlyMap<string, number>): { total: number; thresholds: [number, number] } => {
    const tune = (half: Set<string>): number => findBestThresh(only(predictions, half), only(scores, half), only(naProbs, half), only(hasAnswer, half)).thresh;
    const score = (half: Set<string>, thresh: number): number => {
      let sum = 0;
      for (const value of applyNoAnsThreshold(only(scores, half), naProbs, hasAnswer, thresh).values()) sum += value;
      return sum;
    };
    const thresholds: [number, number] = [tune(first), tune(second)];
    return { total: score(second, thresholds[0]) + score(first, thresholds[1]), thresholds };
  };
  const exact = heldOut(raw.exact);
  const f1 = heldOut(raw.f1);
  const n = first.size + second.size;
  return {
    exact: (100 * exact.total) / n,
    f1: (100 * f1.total) / n,
    halves: [first.size, second.size],
    thresholds: { exact: exact.thresholds, f1: f1.thresholds },
  };
}

/** Cross-fitted exact and F1 over a seeded split of the scored questions (see seededHalves). */
export function crossfitV2(
  questions: readonly GoldQuestion[],
  predictions: ReadonlyMap<string, string>,
  naProbs: ReadonlyMap<string, number>,
  seed: number = CROSSFIT_SEED,
): CrossfitResult | null {
  const scored = questions.filter((q) => predictions.has(q.id)).map((q) => q.id);
  return crossfitScores(questions, predictions, naProbs, seededHalves(scored, seed));
}

/** A worked example's input: the gold questions with the halves, and per question [id, answer, na_prob]. */
export interface CrossfitGold {
  questions: readonly GoldQuestion[];
  halves: readonly [readonly string[], readonly string[]];
}
export type CrossfitAnswers = readonly (readonly [string, string, number])[];

const byExample =
  (key: "exact" | "f1") =>
  (gold: CrossfitGold, answers: CrossfitAnswers): number | null =>
    crossfitScores(gold.questions, new Map(answers.map(([id, text]) => [id, text])), new Map(answers.map(([id, , p]) => [id, p])), gold.halves)?.[key] ?? null;

const FOUR: CrossfitGold = {
  questions: [
    { id: "q1", answers: ["Paris"] },
    { id: "q2", answers: [] },
    { id: "q3", answers: ["Rome"] },
    { id: "q4", answers: [] },
  ],
  halves: [
    ["q1", "q2"],
    ["q3", "q4"],
  ],
};

export const crossfitExactExamples: WorkedExamples<CrossfitGold, CrossfitAnswers> = {
  metric: byExample("exact"),
  cases: [
    {
      gold: FOUR,
      pred: [
        ["q1", "Paris", 0.1],
        ["q2", "London", 0.9],
        ["q3", "Rome", 0.2],
        ["q4", "Berlin", 0.8],
      ],
      expected: 75,
      why: "thresholds 0.1 (first half) and 0.2 (second): q3 abstains at 0.1 and loses its point; best_exact, at 0.2 for all, is 100",
    },
    {
      gold: FOUR,
      pred: [
        ["q1", "Paris", 0.1],
        ["q2", "London", 0.9],
        ["q3", "Rome", 0.1],
        ["q4", "Berlin", 0.9],
      ],
      expected: 100,
      why: "both halves tune 0.1, the threshold best_exact picks as well: the same 100",
    },
    {
      gold: FOUR,
      pred: [
        ["q1", "Paris", 0],
        ["q2", "", 0],
        ["q3", "Lyon", 0],
        ["q4", "Berlin", 0],
      ],
      expected: 50,
      why: "na_prob 0 everywhere (HF's default): the tuned thresholds are 0 and change nothing, the plain exact match 2 of 4",
    },
    {
      gold: { questions: FOUR.questions, halves: [["q1", "q2", "q3", "q4"], []] },
      pred: [["q1", "Paris", 0]],
      expected: null,
      why: "an empty half: nothing to cross-fit",
    },
  ],
};

export const crossfitF1Examples: WorkedExamples<CrossfitGold, CrossfitAnswers> = {
  metric: byExample("f1"),
  cases: [
    {
      gold: { ...FOUR, questions: [{ id: "q1", answers: ["Denver Broncos"] }, ...FOUR.questions.slice(1)] },
      pred: [
        ["q1", "Broncos", 0.3],
        ["q2", "", 0.5],
        ["q3", "Rome", 0.2],
        ["q4", "Berlin", 0.4],
      ],
      expected: 75,
      why: "first half tunes 0.3 (1 + 2/3), applied to q3, q4: 1 + 1; second tunes 0.2, applied to q1 (abstains, 0) and q2 (1): 300/4",
    },
    {
      gold: FOUR,
      pred: [
        ["q1", "Paris", 0.1],
        ["q2", "London", 0.9],
        ["q3", "Rome", 0.1],
        ["q4", "Berlin", 0.9],
      ],
      expected: 100,
      why: "one-word answers: F1 equals exact match, and both halves tune 0.1",
    },
  ],
};

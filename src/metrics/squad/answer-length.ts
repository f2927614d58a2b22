import type { AnswerLengthBin } from "../../analysis.js";
import type { WorkedExamples } from "../input.js";
import { normalizeAnswer, pySplit } from "./normalize.js";

/** Answer lengths in words, inclusive; the last bin is open. Most SQuAD answers have 1 to 3 words. */
export const ANSWER_LENGTH_BINS: readonly (readonly [number, number | null])[] = [
  [1, 1],
  [2, 2],
  [3, 3],
  [4, 5],
  [6, 10],
  [11, null],
];

/** One question's official scores (0/1 exact, 0..1 F1) and its predicted answer ("" for none). */
export interface ScoredAnswer {
  prediction: string;
  exact: number;
  f1: number;
}

/** Words of an answer as the official scripts count them: the tokens of `normalize_answer`. */
export const answerWords = (text: string): number => pySplit(normalizeAnswer(text)).length;

/**
 * Exact match and F1 (means ×100, as the metrics; higher is better) and the mean length of
 * the predicted answers, per length of the gold answer: the first gold answer that has a
 * word after the official normalization (unanswerable questions are left out). Shows
 * whether a model cuts long answers short or pads short ones.
 *
 * @throws RangeError when the two lists differ in length.
 *
 * Worked examples (run by the test suite, see `examples`):
 * - gold ["Paris"], ["the Eiffel Tower"], ["a b c d e f g"]; predicted "Paris" (exact), "Tower"
 *   (F1 2/3: 1 of 1 predicted word, 1 of 2 gold ones), "a b" (F1 1/3 over the gold's 6 words
 *   "b c d e f g": P 1/2, R 1/6): bin 1 word exact 100 F1 100, bin 2 words exact 0 F1 66.7 with
 *   1 predicted word, bin 6–10 words F1 33.3 with 1 predicted word ("a" is an article).
 * - gold [], ["", "two words"]: the unanswerable question is left out; the second counts its
 *   first answer with words, 2; predicted "" scores 0 with 0 words.
 */
export function answerLengthView(gold: readonly (readonly string[])[], answered: readonly ScoredAnswer[]): AnswerLengthBin[] {
  const n = gold.length;
  if (answered.length !== n) throw new RangeError(`answerLengthView: ${n} gold questions but ${answered.length} answers`);
  const bins = ANSWER_LENGTH_BINS.map(([low, high]) => ({ low, high, n: 0, exact: 0, f1: 0, words: 0 }));
  for (let i = 0; i < n; i++) {
    const words = (gold[i] ?? []).map(answerWords).find((w) => w > 0);
    if (words === undefined) continue;
    const bin = bins.find((b) => words >= b.low && (b.high === null || words <= b.high));
    const scored = answered[i] as ScoredAnswer;
    if (bin === undefined) continue;
    bin.n++;
    bin.exact += scored.exact;
    bin.f1 += scored.f1;
    bin.words += answerWords(scored.prediction);
  }
  return bins.map(({ low, high, n: count, exact, f1, words }) => ({
    low,
    high,
    n: count,
    exact: count === 0 ? null : (100 * exact) / count,
    f1: count === 0 ? null : (100 * f1) / count,
    predictedWords: count === 0 ? null : words / count,
  }));
}

const empty = (low: number, high: number | null): AnswerLengthBin => ({ low, high, n: 0, exact: null, f1: null, predictedWords: null });

export const examples: WorkedExamples<readonly (readonly string[])[], readonly ScoredAnswer[], AnswerLengthBin[]> = {
  metric: answerLengthView,
  cases: [
    {
      gold: [["Paris"], ["the Eiffel Tower"], ["a b c d e f g"]],
      pred: [
        { prediction: "Paris", exact: 1, f1: 1 },
        { prediction: "Tower", exact: 0, f1: 2 / 3 },
        { prediction: "a b", exact: 0, f1: 1 / 3 },
      ],
      expected: [
        { low: 1, high: 1, n: 1, exact: 100, f1: 100, predictedWords: 1 },
        { low: 2, high: 2, n: 1, exact: 0, f1: 200 / 3, predictedWords: 1 },
        empty(3, 3),
        empty(4, 5),
        { low: 6, high: 10, n: 1, exact: 0, f1: 100 / 3, predictedWords: 1 },
        empty(11, null),
      ],
      why: "one question in each of the bins 1, 2 and 6–10 words",
    },
    {
      gold: [[], ["", "two words"]],
      pred: [
        { prediction: "", exact: 1, f1: 1 },
        { prediction: "", exact: 0, f1: 0 },
      ],
      expected: [empty(1, 1), { low: 2, high: 2, n: 1, exact: 0, f1: 0, predictedWords: 0 }, empty(3, 3), empty(4, 5), empty(6, 10), empty(11, null)],
      why: "the unanswerable question is left out; the first gold answer with words has 2",
    },
  ],
};

import type { NoAnswerView } from "../../analysis.js";
import type { WorkedExamples } from "../input.js";

/** Bins of the null-odds histogram. */
export const NULL_ODDS_BINS = 20;

/** A SQuAD 2.0 question as decided: its null odds (null score − best answer score) and the answer given ("" for none). */
export interface NullDecision {
  nullOdds: number;
  prediction: string;
}

/**
 * SQuAD 2.0's answer-or-abstain decision: a 2 × 2 confusion matrix (rows: the question has
 * an answer or not; columns: the model answered or not) and a histogram of the null odds of
 * each group, `bins` equal-width bins [low, high) from the lowest to the highest finite odds
 * (the last bin closed). Where the two groups' histograms overlap, no threshold separates
 * them; the recorded threshold shows where the run cut. Questions whose odds are not finite
 * are counted in `excluded` and left out of the histogram only.
 *
 * Worked examples: `examples` below, each with its hand computation; the test suite runs them.
 *
 * @throws RangeError when the two lists differ in length.
 */
export function noAnswerView(hasAnswer: readonly boolean[], decisions: readonly NullDecision[], threshold: number, bins = NULL_ODDS_BINS): NoAnswerView {
  if (hasAnswer.length !== decisions.length) throw new RangeError(`noAnswerView: ${hasAnswer.length} questions but ${decisions.length} decisions`);
  const matrix = [
    [0, 0],
    [0, 0],
  ];
  const finite: { odds: number; has: boolean }[] = [];
  decisions.forEach((d, i) => {
    const has = hasAnswer[i] === true;
    const row = matrix[has ? 0 : 1] as number[];
    const column = d.prediction === "" ? 1 : 0;
    row[column] = (row[column] as number) + 1;
    if (Number.isFinite(d.nullOdds)) finite.push({ odds: d.nullOdds, has });
  });
  const confusion = { labels: ["has answer", "no answer"], matrix };
  const excluded = decisions.length - finite.length;
  if (finite.length === 0) return { threshold, confusion, nullOdds: [], excluded };
  const low = Math.min(...finite.map((f) => f.odds));
  const high = Math.max(...finite.map((f) => f.odds));
  const count = low === high ? 1 : bins;
  const width = (high - low) / count;
  const hist = Array.from({ length: count }, (_, k) => ({
    low: low + k * width,
    high: k === count - 1 ? high : low + (k + 1) * width,
    hasAnswer: 0,
    noAnswer: 0,
  }));
  for (const { odds, has } of finite) {
    const bin = hist[width === 0 ? 0 : Math.min(count - 1, Math.floor((odds - low) / width))] as (typeof hist)[number];
    if (has) bin.hasAnswer++;
    else bin.noAnswer++;
  }
  return { threshold, confusion, nullOdds: hist, excluded };
}

const bin = (low: number, hasAnswer: number, noAnswer: number) => ({ low, high: low + 1, hasAnswer, noAnswer });

export const examples: WorkedExamples<readonly boolean[], readonly NullDecision[], NoAnswerView> = {
  metric: (hasAnswer, decisions) => noAnswerView(hasAnswer, decisions, 0, 5),
  cases: [
    {
      gold: [true, true, false, false],
      pred: [
        { nullOdds: -2, prediction: "a" },
        { nullOdds: 1, prediction: "" },
        { nullOdds: 3, prediction: "" },
        { nullOdds: -1, prediction: "b" },
      ],
      expected: {
        threshold: 0,
        confusion: {
          labels: ["has answer", "no answer"],
          matrix: [
            [1, 1],
            [1, 1],
          ],
        },
        nullOdds: [bin(-2, 1, 0), bin(-1, 0, 1), bin(0, 0, 0), bin(1, 1, 0), bin(2, 0, 1)],
        excluded: 0,
      },
      why: "one right and one wrong decision per group; odds −2..3 in five bins of 1",
    },
    {
      gold: [true],
      pred: [{ nullOdds: Number.NaN, prediction: "x" }],
      expected: {
        threshold: 0,
        confusion: {
          labels: ["has answer", "no answer"],
          matrix: [
            [1, 0],
            [0, 0],
          ],
        },
        nullOdds: [],
        excluded: 1,
      },
      why: "answered; odds not finite, so no histogram",
    },
  ],
};

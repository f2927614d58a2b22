import { describe, expect, it } from "vitest";
import { normalizeAnswer, pyLstrip, pySplit } from "../../../src/metrics/squad/normalize.js";
import { exactMatchV1, f1V1 } from "../../../src/metrics/squad/v1.js";
import { computeExact, computeF1, scoreV2 } from "../../../src/metrics/squad/v2.js";

// Expected values printed by Python 3.11 running the official `normalize_answer`.
const normalized: [string, string][] = [
  ["The Denver Broncos!", "denver broncos"],
  ["an apple, a day", "apple day"],
  ["A", ""],
  ["", ""],
  ["   ", ""],
  ["Theater", "theater"],
  ["THE CAT", "cat"],
  ["the_cat", "thecat"],
  ["l'amour", "lamour"],
  ["over-the-top", "overthetop"],
  ["café the", "café"],
  ["São Paulo e a cidade", "são paulo e cidade"],
  // A combining mark is not a word character for Python's \b: the "a" before it is an article.
  ["a\u0301 b", "\u0301 b"],
  // Letters and numbers of any script are word characters.
  ["²the", "²the"],
  ["the² a", "the²"],
  ["Ⅻ the", "ⅻ"],
  ["résumé—the end", "résumé— end"],
  ["«the»", "« »"],
  // Python's str.split() whitespace: NBSP, U+001C, U+0085, U+3000 split; U+FEFF does not.
  ["a\u00a0b", "b"],
  ["x\u001cy", "x y"],
  ["x\u0085y", "x y"],
  ["x\ufeffy", "x\ufeffy"],
  ["\u3000the\u3000end", "end"],
  ["İstanbul", "i\u0307stanbul"],
  ["ΟΔΟΣ", "οδος"],
];

describe("normalizeAnswer (official SQuAD normalization, Python 3 semantics)", () => {
  it.each(normalized)("%j -> %j", (input, expected) => {
    expect(normalizeAnswer(input)).toBe(expected);
  });

  it("splits and strips like Python", () => {
    expect(pySplit("  a \t b\u2028c  ")).toEqual(["a", "b", "c"]);
    expect(pySplit("")).toEqual([]);
    expect(pyLstrip("\u00a0\u3000 Who? ")).toBe("Who? ");
  });
});

describe("SQuAD v1.1 exact match and F1", () => {
  it.each([
    ["Denver Broncos", "the Denver Broncos", 1, 1],
    ["Broncos", "Denver Broncos", 0, 2 / 3],
    ["Carolina", "Denver Broncos", 0, 0],
    ["", "", 1, 0],
  ] as const)("%j vs %j", (prediction, truth, exact, f1) => {
    expect(exactMatchV1(prediction, truth)).toBe(exact);
    expect(f1V1(prediction, truth)).toBeCloseTo(f1, 12);
  });
});

describe("SQuAD 2.0 exact match and F1", () => {
  it.each([
    ["the Normans", "Normans in France", 0, 0.5],
    ["", "", 1, 1],
    ["a", "", 1, 1],
    ["Normans", "", 0, 0],
    ["The.", "", 1, 1],
  ] as const)("gold %j, prediction %j", (gold, prediction, exact, f1) => {
    expect(computeExact(gold, prediction)).toBe(exact);
    expect(computeF1(gold, prediction)).toBeCloseTo(f1, 12);
  });

  it("drops missing predictions from total and keeps best_* over na_probs", () => {
    const questions = [
      { id: "q1", answers: ["Paris"] },
      { id: "q2", answers: [] },
      { id: "q3", answers: ["a", "Rome"] },
    ];
    // na_probs default to 0 in prediction order, so best_* walks q2 before q1.
    const predictions = new Map([
      ["q2", "the"],
      ["q1", "Paris"],
    ]);
    const missing: string[] = [];
    const { metrics } = scoreV2(questions, predictions, undefined, (id) => missing.push(id));
    expect(missing).toEqual(["q3"]);
    expect(metrics.total).toBe(2);
    expect(metrics.exact).toBe(100);
    // "the" normalizes to "" (exact for an unanswerable question) yet counts as an answer for best_*.
    expect(metrics.best_exact).toBe(50);
    expect(metrics.best_exact_thresh).toBe(0);
    expect(metrics.HasAns_total).toBe(1);
    expect(metrics.NoAns_total).toBe(1);
  });
});

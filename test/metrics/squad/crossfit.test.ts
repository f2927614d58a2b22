/**
 * The cross-fitted SQuAD 2.0 threshold: the seeded split, the figure against the official
 * script's own best_* on the same data, and the figures of both SQuAD 2.0 fixtures (from their
 * reference predictions and null odds, which glue-eval reproduces exactly).
 */
import { describe, expect, it } from "vitest";
import { CROSSFIT_SEED, crossfitScores, crossfitV2, seededHalves } from "../../../src/metrics/squad/crossfit.js";
import { findBestThresh, getRawScores, scoreV2 } from "../../../src/metrics/squad/v2.js";
import { goldQuestions } from "../../../src/tasks/squad/score-file.js";
import { hasShared } from "../../shared.js";
import { devExamples, readRef } from "../../tasks/squad/helpers.js";

const ids = Array.from({ length: 11 }, (_, i) => `q${i}`);

describe("seededHalves", () => {
  it("splits every id into one of two halves, ⌊n/2⌋ and the rest, the same way every time", () => {
    const [a, b] = seededHalves(ids, 7);
    expect(a).toHaveLength(5);
    expect(b).toHaveLength(6);
    expect([...a, ...b].sort()).toEqual([...ids].sort());
    expect(seededHalves(ids, 7)).toEqual([a, b]);
    expect(seededHalves(ids, 8)).not.toEqual([a, b]);
    expect(seededHalves(ids)).toEqual(seededHalves(ids, CROSSFIT_SEED));
  });

  it("mixes the order: the first half is not a prefix of the questions", () => {
    const many = Array.from({ length: 1000 }, (_, i) => `q${i}`);
    const [a] = seededHalves(many);
    // About half of the first half comes from the first 500 questions.
    const early = a.filter((id) => Number(id.slice(1)) < 500).length;
    expect(early).toBeGreaterThan(200);
    expect(early).toBeLessThan(300);
  });
});

describe("crossfitScores", () => {
  const questions = [
    { id: "q1", answers: ["Paris"] },
    { id: "q2", answers: [] },
    { id: "q3", answers: ["Rome"] },
    { id: "q4", answers: [] },
  ];
  const predictions = new Map([
    ["q1", "Paris"],
    ["q2", "London"],
    ["q3", "Rome"],
    ["q4", "Berlin"],
  ]);
  const naProbs = new Map([
    ["q1", 0.1],
    ["q2", 0.9],
    ["q3", 0.2],
    ["q4", 0.8],
  ]);

  it("tunes each half with find_best_thresh and applies it to the other", () => {
    const result = crossfitScores(questions, predictions, naProbs, [
      ["q1", "q2"],
      ["q3", "q4"],
    ]);
    expect(result).toEqual({ exact: 75, f1: 75, halves: [2, 2], thresholds: { exact: [0.1, 0.2], f1: [0.1, 0.2] } });
    // The official best_exact on the same data tunes on all four questions: 100 at 0.2.
    expect(scoreV2(questions, predictions, naProbs).metrics).toMatchObject({ best_exact: 100, best_exact_thresh: 0.2 });
  });

  it("a half's threshold is the one find_best_thresh gives on that half alone", () => {
    const raw = getRawScores(questions, predictions);
    const half = new Set(["q3", "q4"]);
    const only = <T>(m: ReadonlyMap<string, T>) => new Map([...m].filter(([id]) => half.has(id)));
    const hasAnswer = new Map(questions.map((q) => [q.id, q.answers.length > 0]));
    const direct = findBestThresh(only(predictions), only(raw.exact), only(naProbs), only(hasAnswer)).thresh;
    const result = crossfitScores(questions, predictions, naProbs, [["q1", "q2"], [...half]]);
    expect(result?.thresholds.exact[1]).toBe(direct);
  });
});

describe.skipIf(!hasShared)("the SQuAD 2.0 fixtures, from their reference predictions and null odds", () => {
  it.each(["bert-tiny-squad2", "deberta-v3-tiny-squad2"])("%s: crossfit_* beside best_*", async (model) => {
    const ref = readRef(model);
    const split = Object.values(ref.splits)[0];
    if (split === undefined || !split.null_odds) throw new Error("no null odds in the reference");
    const questions = goldQuestions(await devExamples("squad_v2"));
    const predictions = new Map(Object.entries(split.predictions));
    const nullOdds = new Map(questions.map((q) => [q.id, split.null_odds?.[q.id] ?? 0]));
    const result = crossfitV2(questions, predictions, nullOdds);
    if (result === null) throw new Error("no figures");
    const { best_exact, best_f1, exact, f1 } = split.metrics;
    const official = scoreV2(questions, predictions, nullOdds).metrics;
    console.log(
      `${model} squad_v2: exact ${exact?.toFixed(2)} f1 ${f1?.toFixed(2)} | best_exact ${best_exact?.toFixed(2)} best_f1 ${best_f1?.toFixed(2)} (na_prob 0, as reported) | ` +
        `with the null odds: best_exact ${official.best_exact?.toFixed(2)} best_f1 ${official.best_f1?.toFixed(2)} | crossfit_exact ${result.exact.toFixed(2)} crossfit_f1 ${result.f1.toFixed(2)} ` +
        `(halves ${result.halves.join(" + ")}, thresholds exact ${result.thresholds.exact.join(", ")}, f1 ${result.thresholds.f1.join(", ")})`,
    );
    expect(result.halves[0] + result.halves[1]).toBe(ref.n_examples);
    for (const value of [result.exact, result.f1]) expect(value >= 0 && value <= 100).toBe(true);
    // With na_prob 0 everywhere (how best_* are reported), there is no threshold to tune: the figure is the plain exact match.
    const zeros = crossfitV2(questions, predictions, new Map(questions.map((q) => [q.id, 0])));
    expect(zeros?.exact).toBeCloseTo(exact ?? Number.NaN, 10);
    expect(zeros?.f1).toBeCloseTo(f1 ?? Number.NaN, 10);
  });
});

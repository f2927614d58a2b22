/** A SQuAD run's `analysis` and the question texts and gold answers in its predictions file. */
import { describe, expect, it } from "vitest";
import { finishSquad, type SquadOutputs } from "../../../src/tasks/squad/finish.js";

const question = (id: string, prediction: string, nullOdds: number | null) => ({ id, decoding: { prediction, nbest: [], nullOdds } });

function outputs(version2: boolean): SquadOutputs {
  return {
    decoded: [question("q1", "Paris", version2 ? -3 : null), question("q2", "", version2 ? 2 : null), question("q3", "", 5), question("q4", "Lyon", -1)].slice(
      0,
      version2 ? 4 : 2,
    ),
    gold: [
      { id: "q1", answers: ["Paris", "in Paris"] },
      { id: "q2", answers: ["the Eiffel Tower"] },
      { id: "q3", answers: [] },
      { id: "q4", answers: [] },
    ].slice(0, version2 ? 4 : 2),
    questions: ["Capital of France?", "Which tower?", "Who is <b>?", "Where?"].slice(0, version2 ? 4 : 2),
    features: 4,
    truncated: 0,
    dataFile: "dev.json",
    config: version2 ? { null_score_diff_threshold: 0.5 } : {},
    tokenizeSeconds: 0,
  };
}

describe("the analysis of a SQuAD run", () => {
  it("SQuAD 2.0: scores by gold answer length, and the answer-or-abstain decision with its null odds", () => {
    const run = finishSquad({ name: "squad_v2", version2: true }, outputs(true), () => {});
    expect(run.metrics.HasAns_exact).toBe(50);
    const bins = run.analysis?.answerLength ?? [];
    expect(bins.slice(0, 2)).toEqual([
      { low: 1, high: 1, n: 1, exact: 100, f1: 100, predictedWords: 1 },
      // "the Eiffel Tower" has two words once normalized; the abstention scores 0.
      { low: 2, high: 2, n: 1, exact: 0, f1: 0, predictedWords: 0 },
    ]);
    expect(bins.reduce((s, b) => s + b.n, 0)).toBe(2);
    const view = run.analysis?.noAnswer;
    expect(view?.threshold).toBe(0.5);
    expect(view?.confusion).toEqual({
      labels: ["has answer", "no answer"],
      matrix: [
        [1, 1],
        [1, 1],
      ],
    });
    expect(view?.nullOdds).toHaveLength(20);
    expect(view?.nullOdds[0]).toMatchObject({ low: -3, hasAnswer: 1, noAnswer: 0 });
    expect(view?.nullOdds.at(-1)).toMatchObject({ high: 5, hasAnswer: 0, noAnswer: 1 });
    expect(view?.nullOdds.reduce((s, b) => s + b.hasAnswer + b.noAnswer, 0)).toBe(4);
  });

  it("SQuAD v1.1: the answer-length view only", () => {
    const run = finishSquad({ name: "squad", version2: false }, outputs(false), () => {});
    expect(Object.keys(run.analysis ?? {})).toEqual(["answerLength"]);
  });

  it("writes each question's text and gold answers beside its prediction", () => {
    const lines = [...finishSquad({ name: "squad_v2", version2: true }, outputs(true), () => {}).predictions];
    expect(lines[0]).toEqual({
      index: "q1",
      prediction: "Paris",
      exact: 1,
      f1: 1,
      hasAnswer: true,
      text: "Capital of France?",
      answers: ["Paris", "in Paris"],
    });
    expect(lines[2]).toMatchObject({ text: "Who is <b>?", answers: [] });
  });

  it("leaves the analysis to the merge for one shard", () => {
    const run = finishSquad({ name: "squad_v2", version2: true }, outputs(true), () => {}, { index: 0, count: 2, start: 0, end: 4, total: 8 });
    expect(run.analysis).toBeUndefined();
    expect([...run.predictions][1]).toMatchObject({ text: "Which tower?", answers: ["the Eiffel Tower"] });
  });
});

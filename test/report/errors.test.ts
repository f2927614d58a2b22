import { describe, expect, it } from "vitest";
import { worstErrors } from "../../src/report/errors.js";
import { glueTask, squadTask } from "../factories/results.js";

describe("a task's worst errors", () => {
  it("classification: the wrong predictions the model was surest of, with their inputs; ties in file order", () => {
    const built = glueTask({
      task: "mrpc",
      model: { name: "m" },
      gold: ["1", "0", "1", "1", "0", "1"],
      pred: ["0", "0", "0", "0", "1", "1"],
      logits: [
        [2, 0],
        [5, 0],
        [0.5, 0],
        [2, 0],
        [0, 9],
        [0, 1],
      ],
      texts: ["a", "b", "c", "d", "e", "f"],
      pairs: ["A", "B", "C", "D", "E", "F"],
    });
    const errors = worstErrors("mrpc", built.predictions, 3);
    expect(errors.map((e) => e.index)).toEqual([4, 0, 3]);
    expect(errors[0]).toEqual({ index: 4, text: "e ‖ E", gold: "0", prediction: "1", score: 1 / (1 + Math.exp(-9)) });
    expect(errors[1]?.score).toBe(errors[2]?.score);
  });

  it("STS-B: the largest residuals", () => {
    const built = glueTask({ task: "stsb", model: { name: "m" }, gold: [1, 2, 3, 4], pred: [1, 4.5, 2, 4], texts: ["a", "b", "c", "d"] });
    expect(worstErrors("stsb", built.predictions).map((e) => [e.index, e.score])).toEqual([
      [1, 2.5],
      [2, 1],
    ]);
  });

  it("SQuAD: the lowest F1 among the answers that are not exact, with the gold answers", () => {
    const q = (id: string, prediction: string, exact: number, f1: number) => ({
      id,
      prediction,
      exact,
      f1,
      question: `${id}?`,
      answers: ["x y", "the x y", "x y"],
    });
    const built = squadTask("squad", { name: "m" }, [q("a", "x", 0, 0.67), q("b", "x y", 1, 1), q("c", "z", 0, 0)]);
    expect(worstErrors("squad", built.predictions)).toEqual([
      // Each distinct gold answer once.
      { index: "c", text: "c?", gold: ["x y", "the x y"], prediction: "z", score: 0 },
      { index: "a", text: "a?", gold: ["x y", "the x y"], prediction: "x", score: 0.67 },
    ]);
  });

  it("none without gold labels, or for an unknown task", () => {
    const built = glueTask({
      task: "sst2",
      model: { name: "m" },
      gold: null,
      pred: ["0", "1"],
      logits: [
        [0, 1],
        [1, 0],
      ],
    });
    expect(worstErrors("sst2", built.predictions)).toEqual([]);
    expect(worstErrors("nope", built.predictions)).toEqual([]);
  });
});

/** Two small synthetic runs ("alpha" and "beta") used across the report tests. */
import { type BuiltTask, flipAt, glueTask, randomLabels, type SquadQuestion, squadTask } from "./results.js";

const BIN = ["0", "1"] as const;
const NLI = ["entailment", "neutral", "contradiction"] as const;

/** With the logits, inputs and token counts a run writes: the predicted label's logit grows with the row, one input needs escaping. */
function classification(task: string, name: string, values: readonly string[], n: number, seed: number, wrong: number[]): BuiltTask {
  const gold = randomLabels(n, values, seed);
  const pred = flipAt(gold, wrong, values);
  const logits = pred.map((p, i) => values.map((v) => (v === p ? 1 + (i % 5) / 2 : 0)));
  const texts = gold.map((_, i) => (i === wrong[0] ? `a <b>"bold"</b> & | piped\ninput ${i}` : `${task} input ${i}`));
  const tokens = gold.map((_, i) => 5 + ((i * 7) % 23));
  return glueTask({ task, model: { name }, gold, pred, logits, texts, tokens });
}

function stsb(name: string, n: number, seed: number, noise: number): BuiltTask {
  const gold = randomLabels(n, [0, 0.8, 1.6, 2.4, 3.2, 4, 4.8], seed);
  const pred = gold.map((g, i) => Math.round((g + (((i * 7) % 5) - 2) * noise) * 1000) / 1000);
  return glueTask({ task: "stsb", model: { name }, gold, pred });
}

function questions(n: number, seed: number, v2: boolean): SquadQuestion[] {
  const answered = randomLabels(n, [true, false], seed);
  const correct = randomLabels(n, [1, 1, 1, 0], seed + 1);
  return answered.map((has, i) => ({
    id: `q${String(i).padStart(3, "0")}`,
    prediction: correct[i] === 1 ? (v2 && !has ? "" : `answer ${i}`) : `wrong ${i}`,
    exact: correct[i] as number,
    f1: correct[i] === 1 ? 1 : (i % 3) / 4,
    ...(v2 ? { hasAnswer: has } : {}),
  }));
}

export function alphaTasks(): BuiltTask[] {
  return [
    squadTask("squad_v2", { name: "alpha" }, questions(40, 11, true)),
    classification("mnli", "alpha", NLI, 60, 1, [0, 5, 9, 20, 33, 41]),
    classification("mnli-mm", "alpha", NLI, 60, 2, [1, 2, 3, 50]),
    classification("sst2", "alpha", BIN, 50, 3, [4, 8, 15, 16, 23, 42]),
    classification("cola", "alpha", BIN, 50, 4, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
    classification("mrpc", "alpha", BIN, 40, 5, [10, 20, 30]),
    stsb("alpha", 40, 6, 0.3),
  ];
}

export function betaTasks(): BuiltTask[] {
  return [
    squadTask("squad", { name: "beta" }, questions(30, 21, false)),
    classification("mnli", "beta", NLI, 60, 1, [0, 5, 9]),
    classification("sst2", "beta", BIN, 50, 3, [4, 8, 15, 16, 23, 42, 44, 45]),
    classification("qnli", "beta", ["entailment", "not_entailment"], 30, 7, [2, 4]),
  ];
}

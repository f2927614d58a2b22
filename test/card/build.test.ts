/** What buildCard takes from results: the hub's dataset names per task, and which metrics a card shows. */
import { describe, expect, it } from "vitest";
import { buildCard } from "../../src/card/build.js";
import type { TaskResult } from "../../src/results/schema.js";
import { baseResult } from "../factories/results.js";

const loaded = (result: TaskResult) => ({ result, file: `results/m/${result.task}.json`, predictionsFile: `results/m/${result.task}.predictions.jsonl` });

function withMetrics(task: string, split: string, metrics: TaskResult["metrics"], tunedOnEval: string[] = []): TaskResult {
  return { ...baseResult(task, { name: "m" }, 100, split), metrics, tunedOnEval };
}

describe("buildCard", () => {
  it("SQuAD 2.0: rajpurkar/squad_v2, f1 as the value; no best_* (tuned on the dev set) and no counts", () => {
    const metrics = {
      exact: 60,
      f1: 62.5,
      total: 100,
      HasAns_exact: 50,
      HasAns_f1: 55,
      HasAns_total: 50,
      NoAns_exact: 70,
      NoAns_f1: 70,
      NoAns_total: 50,
      best_exact: 61,
      best_exact_thresh: 0.2,
      best_f1: 63,
      best_f1_thresh: 0.2,
    };
    const card = buildCard([loaded(withMetrics("squad_v2", "dev", metrics, ["best_exact", "best_exact_thresh", "best_f1", "best_f1_thresh"]))], "org/m");
    expect(card.evalResults[0]?.entries[0]).toMatchObject({ dataset: { id: "rajpurkar/squad_v2", task_id: "squad_v2" }, value: 62.5 });
    const [result] = card.modelIndex[0]?.results ?? [];
    expect(result?.task).toEqual({ type: "question-answering", name: "Question Answering" });
    expect(result?.dataset).toEqual({ name: "SQuAD 2.0", type: "rajpurkar/squad_v2", config: "squad_v2", split: "validation" });
    expect(result?.metrics.map((m) => [m.type, m.value, m.name])).toEqual([
      ["exact_match", 60, "Exact Match"],
      ["f1", 62.5, "F1"],
      ["exact_match", 50, "Exact Match (answerable questions)"],
      ["f1", 55, "F1 (answerable questions)"],
      ["exact_match", 70, "Exact Match (unanswerable questions)"],
      ["f1", 70, "F1 (unanswerable questions)"],
    ]);
  });

  it.each([
    ["mnli-mm", "dev_mismatched", { accuracy: 0.5 }, "nyu-mll/glue", "mnli_mismatched", 0.5, ["accuracy"]],
    ["stsb", "dev", { pearson: 0.8, spearmanr: 0.7 }, "nyu-mll/glue", "stsb", 0.8, ["pearsonr", "spearmanr"]],
    ["cola", "dev", { matthews_correlation: 0.3 }, "nyu-mll/glue", "cola", 0.3, ["matthews_correlation"]],
    ["squad", "dev", { exact_match: 70, f1: 80 }, "rajpurkar/squad", "plain_text", 80, ["exact_match", "f1"]],
  ])("%s: %s / %s, the value and the metric types", (task, split, metrics, id, config, value, types) => {
    const card = buildCard([loaded(withMetrics(task, split, metrics))], "org/m");
    expect(card.evalResults[0]?.entries[0]).toMatchObject({ dataset: { id, task_id: config }, value });
    expect(card.modelIndex[0]?.results[0]?.metrics.map((m) => m.type)).toEqual(types);
  });

  it("a null metric is left out of the model-index; a task with a null main metric is left out with its reason", () => {
    const card = buildCard([loaded(withMetrics("mrpc", "dev", { accuracy: 0.7, f1: null })), loaded(withMetrics("qqp", "test", { accuracy: null }))], "org/m");
    expect(card.modelIndex[0]?.results.map((r) => r.metrics.map((m) => m.type))).toEqual([["accuracy"]]);
    expect(card.skipped).toEqual(["qqp: no accuracy in results/m/qqp.json (an unlabelled split, or an undefined score)"]);
  });
});

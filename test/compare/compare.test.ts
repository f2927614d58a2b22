import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataError } from "../../src/errors.js";
import { pairedBootstrap, REPORT_CI } from "../../src/report/stats/bootstrap.js";
import { renderComparison } from "../../src/compare/render.js";
import type { Comparison } from "../../src/compare/runs.js";
import { type CompareSide, compareTask } from "../../src/compare/paired-task.js";
import { mcnemarExact } from "../../src/metrics/mcnemar.js";
import { LabelCoder, resampledStatistic, samplesFor } from "../../src/report/stats/samples.js";
import { runCaptured } from "../factories/cli.js";
import { expectGolden } from "../factories/golden.js";
import { type BuiltTask, flipAt, glueTask, randomLabels, squadTask, writeRun } from "../factories/results.js";

const BIN = ["0", "1"];
const gold = randomLabels(30, BIN, 42);
const predA = flipAt(gold, [1, 2, 3], BIN);
const predB = flipAt(gold, [3, 4, 5, 6, 7, 8, 9], BIN);
// Inputs as a run writes them; one spans two lines and one is longer than a terminal line.
const texts = gold.map((_, i) => (i === 2 ? "a film\nin two lines" : i === 4 ? `a ${"very ".repeat(30)}long review` : `review ${i}`));
const sst2A = glueTask({ task: "sst2", model: { name: "m" }, gold, pred: predA, texts });
const sst2B = glueTask({ task: "sst2", model: { name: "m", dtype: "q8" }, gold, pred: predB, texts });

const side = (label: string, built: BuiltTask): CompareSide => ({
  label,
  dir: `results/${label}`,
  result: built.result,
  predictions: built.predictions,
  predictionsFile: `results/${label}/${built.result.task}.predictions.jsonl`,
});

describe("compare wires the statistics", () => {
  it("B identical to A: agreement 1, no difference, p = 1", () => {
    const t = compareTask(side("a", sst2A), side("b", sst2A), 10);
    expect(t.agreement).toBe(1);
    expect(t.differing).toBe(0);
    expect(t.flips).toEqual([]);
    expect(t.mcnemar).toEqual({ b: 0, c: 0, pValue: 1 });
    expect(t.metrics).toHaveLength(1);
    expect(t.metrics[0]).toMatchObject({ key: "accuracy", diff: 0, low: 0, high: 0, pValue: 1 });
  });

  it("counts b and c by hand and passes them to McNemar's exact test", () => {
    const t = compareTask(side("a", sst2A), side("b", sst2B), 3);
    // A wrong at 1, 2, 3; B wrong at 3..9. b (A right, B wrong) = 4..9 = 6; c (A wrong, B right) = 1, 2 = 2.
    expect(t.mcnemar?.b).toBe(6);
    expect(t.mcnemar?.c).toBe(2);
    expect(t.mcnemar?.pValue).toBeCloseTo(74 / 256, 12);
    expect(t.mcnemar?.pValue).toBe(mcnemarExact(6, 2));
    // Binary labels: position 3 is wrong the same way in both, so 8 predictions differ.
    expect(t.differing).toBe(8);
    expect(t.agreement).toBeCloseTo(22 / 30, 12);
    expect(t.flips.map((f) => f.index)).toEqual([1, 2, 4]);
    expect(t.flips[0]).toEqual({ index: 1, text: "review 1", gold: gold[1], a: predA[1], b: predB[1] });
  });

  it("takes the difference, interval and p-value from the paired bootstrap", () => {
    const t = compareTask(side("a", sst2A), side("b", sst2B), 3);
    const coder = new LabelCoder();
    const sa = samplesFor("sst2", sst2A.predictions, "a", coder);
    const sb = samplesFor("sst2", sst2B.predictions, "b", coder);
    const statA = sa === null ? null : resampledStatistic(sa, "accuracy");
    const statB = sb === null ? null : resampledStatistic(sb, "accuracy");
    if (statA === null || statB === null) throw new Error("sst2 accuracy resamples");
    const expected = pairedBootstrap(30, statA, statB, REPORT_CI);
    expect(expected.diff).toBeCloseTo(-4 / 30, 12);
    expect(t.metrics[0]).toMatchObject({ a: 27 / 30, b: 23 / 30, diff: expected.diff, low: expected.low, high: expected.high, pValue: expected.pValue });
  });

  it("compares SQuAD answers and STS-B scores without McNemar", () => {
    const q = (id: string, prediction: string, exact: number) => ({
      id,
      prediction,
      exact,
      f1: exact,
      hasAnswer: true,
      question: `question ${id}?`,
      answers: ["Rome", "in Rome"],
    });
    const a = squadTask("squad_v2", { name: "m" }, [q("x", "Paris", 1), q("y", "", 0), q("z", "1999", 1)]);
    const b = squadTask("squad_v2", { name: "m" }, [q("x", "Paris", 1), q("y", "Rome", 1), q("z", "1999", 1)]);
    const t = compareTask(side("a", a), side("b", b), 10);
    expect(t.mcnemar).toBeNull();
    expect(t.flips).toEqual([{ index: "y", text: "question y?", gold: "Rome | in Rome", a: "", b: "Rome" }]);
    expect(t.metrics.find((m) => m.key === "exact")?.diff).toBeCloseTo(100 / 3, 10);
    expect(t.metrics.find((m) => m.key === "best_f1")).toMatchObject({ tunedOnDev: true, low: null, pValue: null });

    const sa = glueTask({ task: "stsb", model: { name: "m" }, gold: [1, 2, 3, 4], pred: [1, 2, 3, 4] });
    const sb = glueTask({ task: "stsb", model: { name: "m" }, gold: [1, 2, 3, 4], pred: [1, 2.5, 3, 3.5] });
    const s = compareTask(side("a", sa), side("b", sb), 10);
    expect(s.mcnemar).toBeNull();
    expect(s.meanAbsDiff).toBeCloseTo(0.25, 12);
    expect(s.metrics.map((m) => m.key)).toEqual(["pearson", "spearmanr"]);
  });

  it("compares unlabelled (test) runs by agreement only", () => {
    const a = glueTask({ task: "rte", model: { name: "m" }, gold: null, pred: ["entailment", "not_entailment", "entailment"] });
    const b = glueTask({ task: "rte", model: { name: "m" }, gold: null, pred: ["entailment", "entailment", "entailment"] });
    const t = compareTask(side("a", a), side("b", b), 10);
    expect(t.metrics).toEqual([]);
    expect(t.mcnemar).toBeNull();
    expect(t.agreement).toBeCloseTo(2 / 3, 12);
    // Results written before the inputs were recorded: no text.
    expect(t.flips).toEqual([{ index: 1, text: null, gold: null, a: "not_entailment", b: "entailment" }]);
  });

  it("refuses runs on different examples", () => {
    const short = glueTask({ task: "sst2", model: { name: "m" }, gold: gold.slice(0, 29), pred: predB.slice(0, 29) });
    expect(() => compareTask(side("a", sst2A), side("b", short), 10)).toThrow(DataError);
    const shuffled = glueTask({ task: "sst2", model: { name: "m" }, gold, pred: predB, indices: gold.map((_, i) => 29 - i) });
    expect(() => compareTask(side("a", sst2A), side("b", shuffled), 10)).toThrow(/index 29 in B but 0 in A/);
  });

  it("renders the comparison as text", () => {
    const comparison: Comparison = {
      schema: "glue-eval/compare@1",
      a: { label: "m (fp32)", name: "m", dir: "results/m", models: [{ file: "model.onnx", sha256: "a".repeat(64), dtype: "fp32" }] },
      b: { label: "m (q8)", name: "m", dir: "results/m-q8", models: [{ file: "onnx/model_quantized.onnx", sha256: "b".repeat(64), dtype: "q8" }] },
      ci: { method: "paired-percentile-bootstrap", ...REPORT_CI },
      // Fixed interval numbers: this golden checks the layout, not the resampling.
      tasks: [
        {
          ...compareTask(side("a", sst2A), side("b", sst2B), 3),
          metrics: [{ key: "accuracy", unit: "fraction", tunedOnDev: false, a: 0.9, b: 23 / 30, diff: -4 / 30, low: -0.3, high: 0.0667, pValue: 0.252 }],
        },
      ],
      onlyA: ["mrpc"],
      onlyB: [],
    };
    expectGolden("compare.txt", renderComparison(comparison));
  });
});

describe("glue-eval compare", () => {
  let root = "";
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "glue-eval-compare-"));
    const mrpc = glueTask({ task: "mrpc", model: { name: "m" }, gold, pred: predA });
    await writeRun(join(root, "a"), [sst2A, mrpc]);
    await writeRun(join(root, "b"), [sst2B]);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("prints JSON with the schema, the common tasks and the rest", async () => {
    const out = await runCaptured(["compare", join(root, "a"), join(root, "b"), "--json", "--max-flips", "2"]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as Comparison;
    expect(json.schema).toBe("glue-eval/compare@1");
    expect(json.tasks.map((t) => t.task)).toEqual(["sst2"]);
    expect(json.tasks[0]?.mcnemar).toMatchObject({ b: 6, c: 2 });
    expect(json.tasks[0]?.flips).toHaveLength(2);
    expect(json.onlyA).toEqual(["mrpc"]);
    expect([json.a.label, json.b.label]).toEqual(["m (fp32)", "m (q8)"]);
  });

  it("prints text, and rejects bad usage", async () => {
    const text = await runCaptured(["compare", join(root, "a"), join(root, "b")]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("McNemar exact test: b = 6");
    expect((await runCaptured(["compare", join(root, "a")])).code).toBe(2);
    expect((await runCaptured(["compare", join(root, "a"), join(root, "b"), "--max-flips", "-1"])).code).toBe(2);
    const bad = await runCaptured(["compare", root, join(root, "b")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/runA must be one model's results folder/);
  });
});

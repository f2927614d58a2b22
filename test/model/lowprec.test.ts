/**
 * Parity of the low-precision fixtures (../shared/fixtures/lowprec) with their references,
 * through the CLI with default flags. The references ran in file-order batches of 32; fp16 and
 * 4-bit graphs here run in length-sorted batches (they do not depend on the batch), q8 in file
 * order. Tolerance (the fixtures' README): predictions identical except where the reference's
 * top two logits are within 0.002; accuracy within 0.002. The fp16 QA model has no reference of
 * its own: within 1 point of the fp32 Python reference. The results must name the precision.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { PredictionLine, TaskResult } from "../../src/results/schema.js";
import type { PrecisionMatrix } from "../../src/report/report-data.js";
import { runCaptured } from "../factories/cli.js";
import { hasShared, sharedPath } from "../shared.js";

interface RefSplit {
  n: number;
  metrics: Record<string, number>;
  logits: number[][];
  predictions: number[];
}
interface Ref {
  splits: Record<string, RefSplit>;
}

const NEAR_TIE = 0.002;
const tmp = mkdtempSync(join(tmpdir(), "glue-eval-lowprec-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const lowprec = (...parts: string[]): string => sharedPath("fixtures", "lowprec", ...parts);
const readRef = (model: string): Ref => JSON.parse(readFileSync(lowprec("refs", `${model}.json`), "utf8")) as Ref;

function readRun(dir: string, task: string): { result: TaskResult; lines: PredictionLine[] } {
  return {
    result: JSON.parse(readFileSync(join(dir, `${task}.json`), "utf8")) as TaskResult,
    lines: readFileSync(join(dir, `${task}.predictions.jsonl`), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as PredictionLine),
  };
}

/** Checks one run against one reference split; returns the parity-table line. */
function checkSplit(label: string, split: RefSplit, run: { result: TaskResult; lines: PredictionLine[] }, values: readonly string[]): string {
  expect(run.lines).toHaveLength(split.n);
  let same = 0;
  const unexplained: number[] = [];
  run.lines.forEach((line, i) => {
    if (line.prediction === values[split.predictions[i] as number]) same++;
    else {
      const [top, second] = [...(split.logits[i] as number[])].sort((a, b) => b - a) as [number, number];
      if (top - second >= NEAR_TIE) unexplained.push(i);
    }
  });
  const ours = run.result.metrics.accuracy as number;
  const theirs = split.metrics.accuracy as number;
  expect(unexplained, `${label}: predictions that differ away from a near tie`).toEqual([]);
  expect(Math.abs(ours - theirs), `${label} accuracy`).toBeLessThanOrEqual(0.002);
  return `| ${label} | ${theirs} | ${ours} | ${same} of ${split.n} |`;
}

/** The CLI with default flags on the real dev sets, no cache, results in `out`. */
const evaluate = (task: string, model: string, out: string, extra: string[] = []) =>
  runCaptured(["--task", task, "--model", model, ...extra, "--data-dir", sharedPath("data"), "--output-dir", out, "--no-progress", "--no-cache"]);

const table: string[] = ["| model / precision | reference accuracy | glue-eval | identical predictions |", "| --- | --- | --- | --- |"];
afterAll(() => {
  if (hasShared) console.log(`Low-precision parity:\n${table.join("\n")}`);
});

const SST2_DTYPES = [
  ["fp32", "model", { activations: "float32", weights: "none" }],
  ["fp16", "model_fp16", { activations: "float16", weights: "none" }],
  ["q8", "model_quantized", { activations: "float32", weights: "dynamic-int8" }],
  ["q4", "model_q4", { activations: "float32", weights: "int4" }],
  ["q4f16", "model_q4f16", { activations: "float16", weights: "int4" }],
] as const;

describe.skipIf(!hasShared)("low-precision parity through the CLI", () => {
  it("bert-tiny-sst2-dtypes: --dtype all reproduces the reference of every graph; compare gives the matrix", async () => {
    const out = join(tmp, "sst2-dtypes");
    const model = lowprec("models", "bert-tiny-sst2-dtypes");
    const r = await evaluate("sst2", model, out, ["--dtype", "all"]);
    expect(r.code, r.stderr).toBe(0);
    const ref = readRef("bert-tiny-sst2-dtypes");
    for (const [dtype, graph, precision] of SST2_DTYPES) {
      const run = readRun(join(out, dtype === "fp32" ? "bert-tiny-sst2-dtypes" : `bert-tiny-sst2-dtypes-${dtype}`), "sst2");
      expect(run.result.model).toMatchObject({ dtype, file: `onnx/${graph}.onnx`, precision });
      expect(run.result.config.batch_order).toBe(dtype === "q8" ? "file" : "length");
      table.push(checkSplit(`bert-tiny-sst2-dtypes ${dtype}`, ref.splits[`dev:${graph}`] as RefSplit, run, ["0", "1"]));
    }
    const c = await runCaptured(["compare", join(out, "bert-tiny-sst2-dtypes"), out]);
    expect(c.code, c.stderr).toBe(0);
    console.log(`Precision matrix, bert-tiny-sst2-dtypes (SST-2 dev):\n${c.stdout}`);
    const json = JSON.parse((await runCaptured(["compare", join(out, "bert-tiny-sst2-dtypes"), out, "--json"])).stdout) as PrecisionMatrix;
    const rows = json.tasks[0]?.rows ?? [];
    expect(rows.map((row) => row.model.dtype)).toEqual(["fp32", "fp16", "q8", "q4", "q4f16"]);
    // Agreement with the fp32 run, counted here from the two predictions files.
    const base = readRun(join(out, "bert-tiny-sst2-dtypes"), "sst2").lines;
    for (const row of rows) {
      const lines = readRun(row.model.dir, "sst2").lines;
      const agree = lines.filter((l, i) => l.prediction === base[i]?.prediction).length / lines.length;
      expect(row.agreement, row.model.label).toBe(agree);
    }
  });

  it("bert-tiny-mnli-fp16 (optimum fp16 export): runs with no flag and reproduces both splits", async () => {
    const out = join(tmp, "mnli-fp16");
    const r = await evaluate("mnli,mnli-mm", lowprec("models", "bert-tiny-mnli-fp16"), out);
    expect(r.code, r.stderr).toBe(0);
    const ref = readRef("bert-tiny-mnli-fp16");
    for (const [task, split] of [
      ["mnli", "dev_matched"],
      ["mnli-mm", "dev_mismatched"],
    ] as const) {
      const run = readRun(out, task);
      expect(run.result.model).toMatchObject({
        dtype: "fp32",
        file: "model.onnx",
        precision: { activations: "float16", weights: "none", batchDependent: false },
      });
      table.push(checkSplit(`bert-tiny-mnli-fp16 ${task}`, ref.splits[split] as RefSplit, run, ["entailment", "neutral", "contradiction"]));
    }
  });

  it("bert-tiny-squad-fp16: within 1 point of the fp32 Python reference", async () => {
    const out = join(tmp, "squad-fp16");
    const r = await evaluate("squad", lowprec("models", "bert-tiny-squad-fp16"), out);
    expect(r.code, r.stderr).toBe(0);
    const { result } = readRun(out, "squad");
    expect(result.model.precision).toMatchObject({ activations: "float16", weights: "none" });
    const ref = JSON.parse(readFileSync(sharedPath("fixtures", "refs", "bert-tiny-squad.json"), "utf8")) as {
      splits: { model: { metrics: Record<string, number>; predictions: Record<string, string> } };
    };
    const expected = ref.splits.model;
    const answers = JSON.parse(readFileSync(join(out, "squad.predictions.json"), "utf8")) as Record<string, string>;
    const ids = Object.keys(expected.predictions);
    const same = ids.filter((id) => answers[id] === expected.predictions[id]).length;
    for (const key of ["exact_match", "f1"]) {
      expect(Math.abs((result.metrics[key] as number) - (expected.metrics[key] as number)), key).toBeLessThanOrEqual(1);
    }
    table.push(
      `| bert-tiny-squad-fp16 squad (vs fp32 reference) | EM ${expected.metrics.exact_match} / F1 ${expected.metrics.f1} | EM ${result.metrics.exact_match} / F1 ${result.metrics.f1} | ${same} of ${ids.length} answers |`,
    );
  });
});

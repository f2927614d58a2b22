/**
 * --dtype through the CLI on small written graphs: every transformers.js name, both layouts,
 * the error that lists a folder's variants, float16 inputs and outputs, batch order from the
 * graph, and a precision matrix (--dtype all, then compare) in one process.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataType } from "../../src/model/onnx/schema.js";
import { graphFileName, listVariants } from "../../src/model/variants.js";
import type { PredictionLine, TaskResult } from "../../src/results/schema.js";
import { runCaptured } from "../factories/cli.js";
import { classifierGraph, intAttr, modelBytes, node, tensorType, writeModelFolder, writeSst2 } from "../factories/onnx.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-dtype-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const data = join(tmp, "data");
// [CLS] a good film [SEP] = 2 4 5 7 3 (Σ 21, 5 tokens); [CLS] not good [SEP] = 2 9 5 3 (Σ 19, 4).
const ROWS: Array<[string, 0 | 1]> = [
  ["a good film", 1],
  ["not good", 0],
  ["bad", 0],
  ["very very good film", 1],
];
// logit 0 = 0.25 Σ ids + Σ mask, logit 1 = −0.5 Σ ids + 2 Σ mask: exact in float16.
const W = [0.25, -0.5, 1, 2];
const expectedLogits = (ids: number, tokens: number): number[] => [0.25 * ids + tokens, -0.5 * ids + 2 * tokens];

beforeAll(() => writeSst2(data, ROWS));

const read = (out: string): { result: TaskResult; lines: PredictionLine[] } => ({
  result: JSON.parse(readFileSync(join(out, "sst2.json"), "utf8")) as TaskResult,
  lines: readFileSync(join(out, "sst2.predictions.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as PredictionLine),
});

const run = (model: string, out: string, extra: string[] = []) =>
  runCaptured(["--task", "sst2", "--model", model, "--data-dir", data, "--output-dir", out, "--no-progress", "--no-cache", ...extra]);

describe("--dtype names and layouts", () => {
  it.each(["fp32", "fp16", "q8", "int8", "uint8", "q4", "q4f16", "bnb4"] as const)("%s picks its file in either layout", (dtype) => {
    for (const [layout, prefix] of [
      ["optimum", ""],
      ["transformers.js", "onnx/"],
    ] as const) {
      const dir = join(tmp, `names-${dtype}-${layout}`);
      writeModelFolder(dir, `${prefix}${graphFileName(dtype)}`, classifierGraph({ weights: W }));
      expect(listVariants(dir)).toEqual([{ dtype, file: `${prefix}${graphFileName(dtype)}`, layout }]);
    }
    expect(graphFileName(dtype)).toBe(dtype === "fp32" ? "model.onnx" : dtype === "q8" ? "model_quantized.onnx" : `model_${dtype}.onnx`);
  });

  it("a missing variant is a one-line error that lists what the folder has", async () => {
    const dir = join(tmp, "two-variants");
    writeModelFolder(dir, "onnx/model.onnx", classifierGraph({ weights: W }));
    writeFileSync(join(dir, "onnx", "model_q4f16.onnx"), classifierGraph({ weights: W }).graph);
    const r = await run(dir, join(tmp, "out-missing"), ["--dtype", "q4"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(
      "no q4 graph (looked for model_q4.onnx or onnx/model_q4.onnx); the folder has fp32 (onnx/model.onnx), q4f16 (onnx/model_q4f16.onnx)",
    );
  });

  it("an unknown name is a usage error", async () => {
    const r = await run(join(tmp, "two-variants"), join(tmp, "out-unknown"), ["--dtype", "fp32,int3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--dtype: unknown "int3" \(use fp32, fp16, q8, int8, uint8, q4, q4f16, bnb4, a comma list of them, or all\)/);
  });
});

describe("float16 tensors", () => {
  it("feeds a float16 input and widens float16 logits exactly", async () => {
    const dir = join(tmp, "half-io");
    writeModelFolder(dir, "model.onnx", classifierGraph({ weights: W, maskType: DataType.FLOAT16, outputType: DataType.FLOAT16 }));
    const out = join(tmp, "out-half-io");
    expect((await run(dir, out)).code).toBe(0);
    const { result, lines } = read(out);
    expect(lines[0]?.logits).toEqual(expectedLogits(21, 5));
    expect(lines[1]?.logits).toEqual(expectedLogits(19, 4));
    expect(result.model.precision).toMatchObject({ activations: "float32", weights: "none" });
  });

  it("an fp16 graph in model.onnx runs with no flag, is recorded as float16 and batched by length", async () => {
    const dir = join(tmp, "optimum-fp16");
    writeModelFolder(dir, "model.onnx", classifierGraph({ weights: W, weightType: DataType.FLOAT16 }));
    const out = join(tmp, "out-optimum-fp16");
    expect((await run(dir, out)).code).toBe(0);
    const { result, lines } = read(out);
    expect(result.model).toMatchObject({ dtype: "fp32", file: "model.onnx", precision: { activations: "float16", weights: "none", batchDependent: false } });
    expect(result.config.batch_order).toBe("length");
    expect(lines[0]?.logits).toEqual(expectedLogits(21, 5));
  });
});

/** The classifier with a DynamicQuantizeLinear in front (its outputs unused): a graph whose batch order must be file order. */
function dynamicGraph(): Uint8Array {
  return modelBytes({
    name: "dq",
    node: [
      node("Cast", ["input_ids"], ["ids_f"], [intAttr("to", DataType.FLOAT)]),
      node("DynamicQuantizeLinear", ["ids_f"], ["q", "scale", "zero"]),
      node("DequantizeLinear", ["q", "scale", "zero"], ["ids_dq"]),
      node("ReduceSum", ["ids_dq", "axes"], ["ids_sum"], [intAttr("keepdims", 1)]),
      node("Concat", ["ids_sum", "ids_sum"], ["logits"], [intAttr("axis", 1)]),
    ],
    initializer: [{ name: "axes", dims: [1], dataType: DataType.INT64, rawData: new Uint8Array(new BigInt64Array([1n]).buffer) }],
    input: [
      { name: "input_ids", type: tensorType(DataType.INT64, ["b", "s"]) },
      { name: "attention_mask", type: tensorType(DataType.INT64, ["b", "s"]) },
    ],
    output: [{ name: "logits", type: tensorType(DataType.FLOAT, ["b", 2]) }],
  });
}

describe("batch order follows the graph", () => {
  it("DynamicQuantizeLinear in the graph gives file order whatever the file is called", async () => {
    const dir = join(tmp, "dynamic");
    writeModelFolder(dir, "onnx/model_q4.onnx", { graph: dynamicGraph(), data: null });
    const out = join(tmp, "out-dynamic");
    const r = await run(dir, out, ["--dtype", "q4"]);
    expect(r.code, r.stderr).toBe(0);
    const { result } = read(out);
    expect(result.model.precision).toMatchObject({ weights: "dynamic-int8", batchDependent: true });
    expect(result.config.batch_order).toBe("file");
  });
});

describe("the precision matrix in one process", () => {
  it("--dtype all evaluates every variant as its own row; compare prints each against fp32", async () => {
    const dir = join(tmp, "matrix-model");
    writeModelFolder(dir, "onnx/model.onnx", classifierGraph({ weights: W }));
    writeFileSync(join(dir, "onnx", "model_fp16.onnx"), classifierGraph({ weights: W, weightType: DataType.FLOAT16 }).graph);
    // Another W: logit 0 − logit 1 = 0.75 Σ ids − 5 Σ mask < 0 on every row, so all "positive".
    writeFileSync(join(dir, "onnx", "model_q4.onnx"), classifierGraph({ weights: [0.25, -0.5, -3, 2] }).graph);
    const out = join(tmp, "out-matrix");
    const r = await run(dir, out, ["--dtype", "all"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Precision comparison (glue-eval compare):");
    // The precision column is read from the graph: this "q4" file is a float32 graph.
    expect(r.stdout).toMatch(/│ +│ matrix-model-q4 +│ fp32 +│ accuracy +│ +50\.00 │/);
    const names = ["matrix-model", "matrix-model-fp16", "matrix-model-q4"];
    const results = names.map((name) => read(join(out, name)).result);
    expect(results.map((x) => [x.model.dtype, x.model.precision?.activations])).toEqual([
      ["fp32", "float32"],
      ["fp16", "float16"],
      ["q4", "float32"],
    ]);
    const c = await runCaptured(["compare", join(out, "matrix-model"), out, "--json"]);
    expect(c.code, c.stderr).toBe(0);
    const matrix = JSON.parse(c.stdout) as import("../../src/report/report-data.js").PrecisionMatrix;
    const rows = matrix.tasks[0]?.rows ?? [];
    expect(rows.map((row) => [row.model.label, row.agreement])).toEqual([
      ["matrix-model", 1],
      ["matrix-model-fp16", 1],
      ["matrix-model-q4", 0],
    ]);
    // Baseline all "negative" (right on rows 2, 3), q4 all "positive" (right on 1, 4): b = c = 2.
    expect(rows[2]?.mcnemar).toEqual({ b: 2, c: 2, pValue: 1 });
    expect(rows[2]?.metrics[0]).toMatchObject({ key: "accuracy", a: 0.5, b: 0.5, diff: 0 });
    expect(rows.map((row) => row.model.bytes)).toEqual(results.map((x) => x.model.files?.[0]?.bytes));
  });
});

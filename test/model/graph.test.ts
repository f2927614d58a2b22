/**
 * Reading an ONNX graph: op types (subgraphs and functions included), input and output types,
 * external-data files, and the precision worked out from them. Tensor data is skipped, never read.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ModelError } from "../../src/errors.js";
import { inspectModel } from "../../src/model/inspect.js";
import { readGraphSummary, summaryFrom } from "../../src/model/onnx/graph.js";
import { DataType } from "../../src/model/onnx/schema.js";
import { FileBytes } from "../../src/model/onnx/stream.js";
import { graphPrecision } from "../../src/model/precision.js";
import { classifierGraph, floatTensor, intAttr, modelBytes, node, tensorType } from "../factories/onnx.js";
import { hasShared, sharedPath } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-graph-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return path;
}

/** A graph made of the given nodes, with float initializers of the given types and sizes. */
function graphWith(nodes: Record<string, unknown>[], initializers: Array<[number, number]> = [[DataType.FLOAT, 4]]): Uint8Array {
  return modelBytes({
    name: "g",
    node: nodes,
    initializer: initializers.map(([dataType, n], i) => ({
      name: `w${i}`,
      dims: [n],
      dataType,
      rawData: new Uint8Array(n * (dataType === DataType.FLOAT ? 4 : 2)),
    })),
    input: [{ name: "x", type: tensorType(DataType.FLOAT, [1]) }],
    output: [{ name: "y", type: tensorType(DataType.FLOAT, [1]) }],
  });
}

describe("readGraphSummary", () => {
  it("lists op types, input and output types and external data, skipping a large inline tensor", async () => {
    const big = floatTensor("big", [1 << 20], new Array<number>(1 << 20).fill(0.5));
    const bytes = modelBytes({
      name: "g",
      node: [
        node("MatMul", ["x", "big"], ["y0"]),
        node(
          "If",
          ["cond"],
          ["y"],
          [{ name: "then_branch", type: 5, g: { name: "then", node: [node("MatMulNBits", ["a", "b"], ["c"], [intAttr("bits", 4)], "com.microsoft")] } }],
        ),
      ],
      initializer: [big, floatTensor("ext", [2], [1, 2], "weights.bin"), floatTensor("ext2", [2], [1, 2], "model.onnx_data")],
      input: [{ name: "input_ids", type: tensorType(DataType.INT64, ["b", "s"]) }],
      output: [{ name: "logits", type: tensorType(DataType.FLOAT16, ["b", 2]) }],
    });
    expect(bytes.length).toBeGreaterThan(4 << 20);
    const summary = await readGraphSummary(write("summary.onnx", bytes));
    expect([...summary.ops]).toEqual([
      ["MatMul", 1],
      ["If", 1],
      ["MatMulNBits", 1],
    ]);
    expect(summary.nBits).toEqual([4]);
    expect(summary.inputs).toEqual([{ name: "input_ids", elemType: DataType.INT64 }]);
    expect(summary.outputs).toEqual([{ name: "logits", elemType: DataType.FLOAT16 }]);
    expect(summary.floatElements).toEqual({ float32: (1 << 20) + 4, float16: 0, bfloat16: 0 });
    expect(summary.externalFiles).toEqual(["weights.bin", "model.onnx_data"]);
  });

  it("reads the graph's structure without its tensor data", async () => {
    const n = 1 << 22;
    const bytes = modelBytes({
      name: "g",
      node: [node("Identity", ["big"], ["y"])],
      initializer: [{ name: "big", dims: [n], dataType: DataType.FLOAT, rawData: new Uint8Array(4 * n) }],
    });
    const file = await FileBytes.open(write("inline.onnx", bytes));
    try {
      const summary = await summaryFrom(file);
      expect(summary.floatElements.float32).toBe(n);
      expect(file.size).toBeGreaterThan(16_000_000);
      // Windows of 64 KiB around the fields that are kept: the 16 MB of raw_data are skipped.
      expect(file.bytesRead).toBeLessThan(300_000);
    } finally {
      await file.close();
    }
  });

  it("rejects a file that is not an ONNX model in one line naming it", async () => {
    const path = write("garbage.onnx", new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2]));
    await expect(inspectModel(path, "garbage.onnx", null)).rejects.toThrow(ModelError);
    await expect(inspectModel(path, "garbage.onnx", null)).rejects.toThrow(/garbage\.onnx: not a readable ONNX graph \(/);
  });
});

describe("graphPrecision", () => {
  const cases: Array<[string, Record<string, unknown>[], Array<[number, number]>, object]> = [
    ["float32 MatMul", [node("MatMul", ["x", "w0"], ["y"])], [[DataType.FLOAT, 8]], { activations: "float32", weights: "none", batchDependent: false }],
    [
      "float16 weights",
      [node("MatMul", ["x", "w0"], ["y"])],
      [
        [DataType.FLOAT16, 8],
        [DataType.FLOAT, 2],
      ],
      { activations: "float16", weights: "none" },
    ],
    [
      "dynamic int8",
      [node("DynamicQuantizeLinear", ["x"], ["q", "s", "z"]), node("MatMulInteger", ["q", "w0"], ["y"])],
      [[DataType.FLOAT, 2]],
      { weights: "dynamic-int8", batchDependent: true, quantizationOps: ["DynamicQuantizeLinear", "MatMulInteger"] },
    ],
    ["4-bit MatMulNBits", [node("MatMulNBits", ["x", "w0"], ["y"], [], "com.microsoft")], [[DataType.FLOAT, 2]], { weights: "int4", batchDependent: false }],
    ["8-bit MatMulNBits", [node("MatMulNBits", ["x", "w0"], ["y"], [intAttr("bits", 8)], "com.microsoft")], [[DataType.FLOAT, 2]], { weights: "int8" }],
    ["bnb4", [node("MatMulBnb4", ["x", "w0"], ["y"], [], "com.microsoft")], [[DataType.FLOAT16, 2]], { activations: "float16", weights: "bnb4" }],
    [
      "static int8 (QDQ)",
      [node("QuantizeLinear", ["x", "s"], ["q"]), node("DequantizeLinear", ["q", "s"], ["y"])],
      [[DataType.FLOAT, 2]],
      { weights: "static-int8", batchDependent: false },
    ],
  ];
  it.each(cases)("%s", async (title, nodes, initializers, expected) => {
    const summary = await readGraphSummary(write(`${title.replace(/\W+/g, "_")}.onnx`, graphWith(nodes, initializers)));
    expect(graphPrecision(summary)).toMatchObject(expected);
  });

  it("takes the outputs' type when the graph has no float weights", async () => {
    const { graph } = classifierGraph({ weights: [0, 0, 0, 0], outputType: DataType.FLOAT16 });
    const summary = await readGraphSummary(write("no-floats.onnx", graph));
    expect(graphPrecision({ ...summary, floatElements: { float32: 0, float16: 0, bfloat16: 0 } }).activations).toBe("float16");
  });
});

const LOWPREC = "fixtures/lowprec/models";
const FIXTURE_GRAPHS: Array<[string, string, string, boolean]> = [
  [`${LOWPREC}/bert-tiny-sst2-dtypes/onnx/model.onnx`, "float32", "none", false],
  [`${LOWPREC}/bert-tiny-sst2-dtypes/onnx/model_fp16.onnx`, "float16", "none", false],
  [`${LOWPREC}/bert-tiny-sst2-dtypes/onnx/model_quantized.onnx`, "float32", "dynamic-int8", true],
  [`${LOWPREC}/bert-tiny-sst2-dtypes/onnx/model_q4.onnx`, "float32", "int4", false],
  [`${LOWPREC}/bert-tiny-sst2-dtypes/onnx/model_q4f16.onnx`, "float16", "int4", false],
  [`${LOWPREC}/bert-tiny-mnli-fp16/model.onnx`, "float16", "none", false],
  [`${LOWPREC}/bert-tiny-squad-fp16/model.onnx`, "float16", "none", false],
  ["fixtures/models/deberta-v3-tiny-squad2/onnx/model_quantized.onnx", "float32", "dynamic-int8", true],
];

describe.skipIf(!hasShared)("precision of the fixture graphs (read from the graph, not the file name)", () => {
  it.each(FIXTURE_GRAPHS)("%s: %s activations, weights %s", async (file, activations, weights, batchDependent) => {
    const precision = graphPrecision(await readGraphSummary(sharedPath(...file.split("/"))));
    expect(precision).toMatchObject({ activations, weights, batchDependent });
  });
});

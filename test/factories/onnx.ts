/**
 * Small ONNX graphs written with the project's protobuf schema, and a model folder around one
 * (config, a word-level tokenizer.json), for tests that need a graph with external weights,
 * float16 inputs or outputs, or a given op.
 *
 * The classifier: logits = [Σ input_ids, Σ attention_mask] · W (W is 2×2, float32; 2×1 for a
 * regression head), so each prediction follows from W and the token ids by hand.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { float32ToFloat16Bits } from "../../src/model/float16.js";
import { DataType, encodeOnnx } from "../../src/model/onnx/schema.js";

type Obj = Record<string, unknown>;

export const tensorType = (elemType: number, dims: (number | string)[]): Obj => ({
  tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } },
});

export const node = (opType: string, input: string[], output: string[], attribute: Obj[] = [], domain = ""): Obj => ({
  opType,
  input,
  output,
  attribute,
  domain,
  name: `${opType}_${output[0]}`,
});

export const intAttr = (name: string, i: number): Obj => ({ name, i, type: 2 });

export function floatTensor(name: string, dims: number[], values: readonly number[], external?: string): Obj {
  const raw = new Uint8Array(new Float32Array(values).buffer);
  if (external === undefined) return { name, dims, dataType: DataType.FLOAT, rawData: raw };
  return {
    name,
    dims,
    dataType: DataType.FLOAT,
    dataLocation: 1,
    externalData: [
      { key: "location", value: external },
      { key: "offset", value: "0" },
      { key: "length", value: String(raw.length) },
    ],
  };
}

export function modelBytes(graph: Obj, opset = 13, extraOpsets: Obj[] = []): Uint8Array {
  return encodeOnnx("ModelProto", { irVersion: 8, producerName: "glue-eval tests", opsetImport: [{ domain: "", version: opset }, ...extraOpsets], graph });
}

export interface ClassifierOptions {
  /** W row-major: 4 values (2 logits), or 2 (one output, as a regression head). */
  weights: readonly number[];
  /** File name for W's external data (written beside the graph); inline when absent. */
  external?: string;
  maskType?: number;
  outputType?: number;
  /** FLOAT16: W is stored and multiplied in float16 (the logits are then float16 too). */
  weightType?: number;
}

/** x = [Σ input_ids, Σ attention_mask] per row, as float32. */
const sums = (): Obj[] => [
  node("Cast", ["input_ids"], ["ids_f"], [intAttr("to", DataType.FLOAT)]),
  node("ReduceSum", ["ids_f", "axes"], ["ids_sum"], [intAttr("keepdims", 1)]),
  node("Cast", ["attention_mask"], ["mask_f"], [intAttr("to", DataType.FLOAT)]),
  node("ReduceSum", ["mask_f", "axes"], ["mask_sum"], [intAttr("keepdims", 1)]),
  node("Concat", ["ids_sum", "mask_sum"], ["x"], [intAttr("axis", 1)]),
];

const AXES = { name: "axes", dims: [1], dataType: DataType.INT64, rawData: new Uint8Array(new BigInt64Array([1n]).buffer) };

export function classifierGraph(o: ClassifierOptions): { graph: Uint8Array; data: Uint8Array | null } {
  if (o.weightType === DataType.FLOAT16) return halfClassifier(o);
  const maskType = o.maskType ?? DataType.INT64;
  const outputType = o.outputType ?? DataType.FLOAT;
  const nodes = [
    ...sums(),
    node("MatMul", ["x", "W"], [outputType === DataType.FLOAT ? "logits" : "y"]),
    ...(outputType === DataType.FLOAT ? [] : [node("Cast", ["y"], ["logits"], [intAttr("to", outputType)])]),
  ];
  const width = o.weights.length / 2;
  const graph = {
    name: "classifier",
    node: nodes,
    initializer: [AXES, floatTensor("W", [2, width], o.weights, o.external)],
    input: [
      { name: "input_ids", type: tensorType(DataType.INT64, ["batch", "sequence"]) },
      { name: "attention_mask", type: tensorType(maskType, ["batch", "sequence"]) },
    ],
    output: [{ name: "logits", type: tensorType(outputType, ["batch", width]) }],
  };
  return { graph: modelBytes(graph), data: o.external === undefined ? null : new Uint8Array(new Float32Array(o.weights).buffer) };
}

/** The classifier computed in float16: W float16, x cast to float16 before the MatMul, float16 logits. */
function halfClassifier(o: ClassifierOptions): { graph: Uint8Array; data: Uint8Array | null } {
  const half = Uint16Array.from(o.weights, (w) => float32ToFloat16Bits(w));
  const nodes = [...sums(), node("Cast", ["x"], ["x16"], [intAttr("to", DataType.FLOAT16)]), node("MatMul", ["x16", "W"], ["logits"])];
  const w = { name: "W", dims: [2, 2], dataType: DataType.FLOAT16, rawData: new Uint8Array(half.buffer) };
  const graph = {
    name: "classifier_fp16",
    node: nodes,
    initializer: [AXES, w],
    input: [
      { name: "input_ids", type: tensorType(DataType.INT64, ["batch", "sequence"]) },
      { name: "attention_mask", type: tensorType(o.maskType ?? DataType.INT64, ["batch", "sequence"]) },
    ],
    output: [{ name: "logits", type: tensorType(DataType.FLOAT16, ["batch", 2]) }],
  };
  return { graph: modelBytes(graph), data: null };
}

/** Word-level tokenizer: [PAD] 0, [UNK] 1, [CLS] 2, [SEP] 3, then the words in order (ids 4, 5, …). */
export function wordTokenizer(words: readonly string[]): string {
  const specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"];
  const vocab = Object.fromEntries([...specials, ...words].map((w, i) => [w, i]));
  const special = (content: string, id: number) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const piece = (id: string) => ({ SpecialToken: { id, type_id: 0 } });
  const seq = (id: string, typeId: number) => ({ Sequence: { id, type_id: typeId } });
  return JSON.stringify({
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: specials.map((s, i) => special(s, i)),
    normalizer: { type: "Lowercase" },
    pre_tokenizer: { type: "Whitespace" },
    post_processor: {
      type: "TemplateProcessing",
      single: [piece("[CLS]"), seq("A", 0), piece("[SEP]")],
      pair: [piece("[CLS]"), seq("A", 0), piece("[SEP]"), seq("B", 1), { SpecialToken: { id: "[SEP]", type_id: 1 } }],
      special_tokens: { "[CLS]": { id: "[CLS]", ids: [2], tokens: ["[CLS]"] }, "[SEP]": { id: "[SEP]", ids: [3], tokens: ["[SEP]"] } },
    },
    decoder: null,
    model: { type: "WordLevel", vocab, unk_token: "[UNK]" },
  });
}

/** A model folder: `graphFile` (and its external data) beside config.json and tokenizer.json. */
export function writeModelFolder(dir: string, graphFile: string, built: { graph: Uint8Array; data: Uint8Array | null }, external?: string): void {
  const graphPath = join(dir, graphFile);
  mkdirSync(dirname(graphPath), { recursive: true });
  writeFileSync(graphPath, built.graph);
  if (built.data !== null && external !== undefined) writeFileSync(join(dirname(graphPath), external), built.data);
  writeFileSync(join(dir, "config.json"), JSON.stringify({ model_type: "bert", id2label: { 0: "negative", 1: "positive" } }));
  writeFileSync(join(dir, "tokenizer.json"), wordTokenizer(WORDS));
}

export const WORDS = ["a", "good", "bad", "film", "very", "not"];

/** An SST-2 dev file under `dataDir`: GLUE layout, header then sentence<TAB>label rows. */
export function writeSst2(dataDir: string, rows: ReadonlyArray<[string, 0 | 1]>): void {
  const dir = join(dataDir, "glue", "SST-2");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dev.tsv"), `sentence\tlabel\n${rows.map(([s, l]) => `${s}\t${l}`).join("\n")}\n`);
}

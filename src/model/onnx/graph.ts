/**
 * What glue-eval reads from an ONNX graph: every node's op type (subgraphs and functions
 * included), the graph's input and output types, the float types of the initializers, and
 * the external-data files the initializers name. Tensor data is never read (stream.ts).
 */
import { concatBytes, type FieldSpan, FileBytes, fieldsOf } from "./stream.js";
import {
  DataType,
  decodeOnnx,
  EXTERNAL,
  type FunctionMessage,
  GraphField,
  type GraphMessage,
  MODEL_GRAPH_FIELD,
  type ModelMessage,
  type NodeMessage,
  TENSOR_DATA_FIELDS,
  type TensorMessage,
  type ValueInfoMessage,
} from "./schema.js";

export interface ValueType {
  name: string;
  /** TensorProto.DataType; null when the graph does not say. */
  elemType: number | null;
}

export interface GraphSummary {
  /** Node count per op type, over the graph, its subgraphs and the model's functions. */
  ops: Map<string, number>;
  /** `bits` of every MatMulNBits node (4 when the attribute is absent). */
  nBits: number[];
  /** Data types of the initializers that DequantizeLinear nodes take as their input. */
  dequantized: number[];
  inputs: ValueType[];
  outputs: ValueType[];
  /** Elements of float initializers (and Constant tensors) per float data type. */
  floatElements: { float32: number; float16: number; bfloat16: number };
  /** External-data locations named by the initializers, as written (relative to the graph's folder), in order of first use. */
  externalFiles: string[];
}

export async function readGraphSummary(path: string): Promise<GraphSummary> {
  const file = await FileBytes.open(path);
  try {
    return await summaryFrom(file);
  } finally {
    await file.close();
  }
}

/** The summary of the ONNX model in `file` (the file stays open). */
export async function summaryFrom(file: FileBytes): Promise<GraphSummary> {
  const modelParts: Uint8Array[] = [];
  const graphs: GraphMessage[] = [];
  const tensors: TensorMessage[] = [];
  for await (const span of fieldsOf(file, 0, file.size)) {
    if (span.field === MODEL_GRAPH_FIELD && span.wire === 2) graphs.push(await readGraph(file, span, tensors));
    else modelParts.push(await file.copy(span.start, span.end));
  }
  const model = decodeOnnx<ModelMessage>("ModelProto", concatBytes(modelParts));
  if (graphs.length === 0) throw new Error("no graph (not an ONNX model file)");
  return summarize(graphs, model.functions ?? [], tensors);
}

/** The graph without its initializers' data; the initializers' headers go to `tensors`. */
async function readGraph(file: FileBytes, graph: FieldSpan, tensors: TensorMessage[]): Promise<GraphMessage> {
  const kept: Uint8Array[] = [];
  for await (const span of fieldsOf(file, graph.valueStart, graph.end)) {
    if (span.field === GraphField.initializer && span.wire === 2) tensors.push(await readTensorHeader(file, span));
    else if (span.field === GraphField.sparseInitializer && span.wire === 2) {
      for await (const part of fieldsOf(file, span.valueStart, span.end)) {
        if ((part.field === 1 || part.field === 2) && part.wire === 2) tensors.push(await readTensorHeader(file, part));
      }
    } else kept.push(await file.copy(span.start, span.end));
  }
  return decodeOnnx<GraphMessage>("GraphProto", concatBytes(kept));
}

async function readTensorHeader(file: FileBytes, tensor: FieldSpan): Promise<TensorMessage> {
  const kept: Uint8Array[] = [];
  for await (const span of fieldsOf(file, tensor.valueStart, tensor.end)) {
    if (!TENSOR_DATA_FIELDS.has(span.field)) kept.push(await file.copy(span.start, span.end));
  }
  return decodeOnnx<TensorMessage>("TensorProto", concatBytes(kept));
}

function summarize(graphs: GraphMessage[], functions: FunctionMessage[], tensors: TensorMessage[]): GraphSummary {
  const summary: GraphSummary = {
    ops: new Map(),
    nBits: [],
    dequantized: [],
    inputs: (graphs[0]?.input ?? []).map(valueType),
    outputs: (graphs[0]?.output ?? []).map(valueType),
    floatElements: { float32: 0, float16: 0, bfloat16: 0 },
    externalFiles: [],
  };
  const dequantizedInputs: string[] = [];
  const types = new Map<string, number>();
  const visitNodes = (nodes: readonly NodeMessage[]): void => {
    for (const node of nodes) {
      const op = node.opType ?? "";
      summary.ops.set(op, (summary.ops.get(op) ?? 0) + 1);
      if (op === "MatMulNBits") summary.nBits.push(node.attribute?.find((a) => a.name === "bits")?.i ?? 4);
      if (op === "DequantizeLinear") dequantizedInputs.push(node.input?.[0] ?? "");
      for (const attribute of node.attribute ?? []) {
        for (const t of [attribute.t, ...(attribute.tensors ?? [])]) if (t !== undefined) visitTensor(t);
        for (const g of [attribute.g, ...(attribute.graphs ?? [])]) if (g !== undefined) visitGraph(g);
      }
    }
  };
  const visitTensor = (t: TensorMessage): void => {
    const elements = (t.dims ?? []).reduce((n, d) => n * d, 1);
    if (t.name !== undefined && t.dataType !== undefined) types.set(t.name, t.dataType);
    if (t.dataType === DataType.FLOAT) summary.floatElements.float32 += elements;
    else if (t.dataType === DataType.FLOAT16) summary.floatElements.float16 += elements;
    else if (t.dataType === DataType.BFLOAT16) summary.floatElements.bfloat16 += elements;
    if (t.dataLocation === EXTERNAL) {
      const location = t.externalData?.find((e) => e.key === "location")?.value;
      if (location === undefined || location === "") throw new Error(`initializer ${t.name ?? "?"} is external but names no location`);
      if (!summary.externalFiles.includes(location)) summary.externalFiles.push(location);
    }
  };
  const visitGraph = (g: GraphMessage): void => {
    visitNodes(g.node ?? []);
    for (const t of g.initializer ?? []) visitTensor(t);
    for (const s of g.sparseInitializer ?? []) for (const t of [s.values, s.indices]) if (t !== undefined) visitTensor(t);
  };
  for (const g of graphs) visitGraph(g);
  for (const t of tensors) visitTensor(t);
  for (const fn of functions) visitNodes(fn.node ?? []);
  for (const input of dequantizedInputs) {
    const type = types.get(input);
    if (type !== undefined) summary.dequantized.push(type);
  }
  return summary;
}

function valueType(v: ValueInfoMessage): ValueType {
  return { name: v.name ?? "", elemType: v.type?.tensorType?.elemType ?? null };
}

/**
 * The part of the ONNX protobuf schema (onnx/onnx.proto, IR version 10) that glue-eval reads:
 * field numbers and types as the specification gives them, for protobufjs's reflection
 * (`Root.fromJSON`), so decoding is protobufjs's own. Messages and fields that are not listed
 * (training info, sparse-tensor contents, docs) are skipped by the decoder as unknown fields.
 */
import protobuf from "protobufjs/light.js";

type FieldSpec = { type: string; id: number; rule?: "repeated" };

const f = (type: string, id: number): FieldSpec => ({ type, id });
const many = (type: string, id: number): FieldSpec => ({ type, id, rule: "repeated" });

const MESSAGES: Record<string, Record<string, FieldSpec>> = {
  ModelProto: {
    irVersion: f("int64", 1),
    producerName: f("string", 2),
    producerVersion: f("string", 3),
    domain: f("string", 4),
    modelVersion: f("int64", 5),
    graph: f("GraphProto", 7),
    opsetImport: many("OperatorSetIdProto", 8),
    functions: many("FunctionProto", 25),
  },
  OperatorSetIdProto: { domain: f("string", 1), version: f("int64", 2) },
  GraphProto: {
    node: many("NodeProto", 1),
    name: f("string", 2),
    initializer: many("TensorProto", 5),
    input: many("ValueInfoProto", 11),
    output: many("ValueInfoProto", 12),
    valueInfo: many("ValueInfoProto", 13),
    sparseInitializer: many("SparseTensorProto", 15),
  },
  NodeProto: {
    input: many("string", 1),
    output: many("string", 2),
    name: f("string", 3),
    opType: f("string", 4),
    attribute: many("AttributeProto", 5),
    domain: f("string", 7),
  },
  AttributeProto: {
    name: f("string", 1),
    f: f("float", 2),
    i: f("int64", 3),
    s: f("bytes", 4),
    t: f("TensorProto", 5),
    g: f("GraphProto", 6),
    floats: many("float", 7),
    ints: many("int64", 8),
    tensors: many("TensorProto", 10),
    graphs: many("GraphProto", 11),
    type: f("int32", 20),
  },
  TensorProto: {
    dims: many("int64", 1),
    dataType: f("int32", 2),
    floatData: many("float", 4),
    int32Data: many("int32", 5),
    int64Data: many("int64", 7),
    name: f("string", 8),
    rawData: f("bytes", 9),
    doubleData: many("double", 10),
    uint64Data: many("uint64", 11),
    externalData: many("StringStringEntryProto", 13),
    dataLocation: f("int32", 14),
  },
  SparseTensorProto: { values: f("TensorProto", 1), indices: f("TensorProto", 2), dims: many("int64", 3) },
  StringStringEntryProto: { key: f("string", 1), value: f("string", 2) },
  ValueInfoProto: { name: f("string", 1), type: f("TypeProto", 2) },
  TypeProto: { tensorType: f("TypeProtoTensor", 1) },
  TypeProtoTensor: { elemType: f("int32", 1), shape: f("TensorShapeProto", 2) },
  TensorShapeProto: { dim: many("TensorShapeDimension", 1) },
  TensorShapeDimension: { dimValue: f("int64", 1), dimParam: f("string", 2) },
  FunctionProto: {
    name: f("string", 1),
    input: many("string", 4),
    output: many("string", 5),
    node: many("NodeProto", 7),
    opsetImport: many("OperatorSetIdProto", 9),
    domain: f("string", 10),
  },
};

/** TensorProto.DataType values. */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  FLOAT16: 10,
  DOUBLE: 11,
  BFLOAT16: 16,
  UINT4: 21,
  INT4: 22,
} as const;

/** TensorProto.DataLocation.EXTERNAL: the data is in a file named by `externalData`. */
export const EXTERNAL = 1;

/** GraphProto fields that hold tensors whose data may be large. */
export const GraphField = { initializer: 5, sparseInitializer: 15 } as const;
/** ModelProto.graph. */
export const MODEL_GRAPH_FIELD = 7;
/** TensorProto fields that carry the data itself (float_data … uint64_data, raw_data). */
export const TENSOR_DATA_FIELDS: ReadonlySet<number> = new Set([4, 5, 6, 7, 9, 10, 11]);
export const TENSOR_RAW_DATA_FIELD = 9;

// Decoded shapes (protobufjs toObject with longs as numbers, defaults off).
export interface StringStringEntry {
  key?: string;
  value?: string;
}
export interface TensorMessage {
  dims?: number[];
  dataType?: number;
  name?: string;
  rawData?: Uint8Array;
  externalData?: StringStringEntry[];
  dataLocation?: number;
}
export interface AttributeMessage {
  name?: string;
  i?: number;
  t?: TensorMessage;
  g?: GraphMessage;
  tensors?: TensorMessage[];
  graphs?: GraphMessage[];
}
export interface NodeMessage {
  opType?: string;
  domain?: string;
  input?: string[];
  output?: string[];
  attribute?: AttributeMessage[];
}
export interface ValueInfoMessage {
  name?: string;
  type?: { tensorType?: { elemType?: number } };
}
export interface GraphMessage {
  node?: NodeMessage[];
  initializer?: TensorMessage[];
  sparseInitializer?: { values?: TensorMessage; indices?: TensorMessage }[];
  input?: ValueInfoMessage[];
  output?: ValueInfoMessage[];
}
export interface FunctionMessage {
  node?: NodeMessage[];
}
export interface ModelMessage {
  irVersion?: number;
  graph?: GraphMessage;
  opsetImport?: { domain?: string; version?: number }[];
  functions?: FunctionMessage[];
}

let root: protobuf.Root | undefined;

/** The message type `name` (e.g. "TensorProto"), built once. */
export function onnxType(name: keyof typeof MESSAGES): protobuf.Type {
  root ??= protobuf.Root.fromJSON({
    nested: { onnx: { nested: Object.fromEntries(Object.entries(MESSAGES).map(([message, fields]) => [message, { fields }])) } },
  });
  return root.lookupType(`onnx.${name}`);
}

/** Decodes bytes of message `name` into a plain object (int64 as numbers). */
export function decodeOnnx<T>(name: keyof typeof MESSAGES, bytes: Uint8Array): T {
  const type = onnxType(name);
  return type.toObject(type.decode(bytes), { longs: Number, arrays: false, defaults: false }) as T;
}

/** Encodes a plain object as message `name` (tests and fixtures build graphs with it). */
export function encodeOnnx(name: keyof typeof MESSAGES, value: Record<string, unknown>): Uint8Array {
  const type = onnxType(name);
  return type.encode(type.fromObject(value)).finish();
}

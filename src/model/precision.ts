/**
 * The precision a graph computes in, worked out from its ops and initializers (a file named
 * model_fp16.onnx may be anything; an optimum `--dtype fp16` export is called model.onnx).
 */
import type { ActivationType, Precision, WeightQuantization } from "../precision.js";
import type { GraphSummary } from "./onnx/graph.js";
import { DataType } from "./onnx/schema.js";

/** Activations quantized per batch at run time: outputs depend on the batch. */
const DYNAMIC = ["DynamicQuantizeLinear", "DynamicQuantizeMatMul", "MatMulIntegerToFloat", "DynamicQuantizeLSTM", "QAttention"];
/** Activations quantized with fixed scales. */
const STATIC = ["QuantizeLinear", "QLinearMatMul", "QLinearConv", "QLinearAdd", "QLinearMul", "QGemm"];
const QUANTIZATION_OPS = new Set([...DYNAMIC, ...STATIC, "MatMulInteger", "DequantizeLinear", "MatMulNBits", "MatMulBnb4", "GatherBlockQuantized"]);

export function graphPrecision(graph: GraphSummary): Precision {
  const has = (op: string): boolean => graph.ops.has(op);
  const dynamic = DYNAMIC.some(has);
  return {
    activations: activationType(graph),
    weights: weightQuantization(graph, dynamic),
    quantizationOps: [...graph.ops.keys()].filter((op) => QUANTIZATION_OPS.has(op)).sort(),
    batchDependent: dynamic,
  };
}

/**
 * The float type that holds most float weights (an fp16 export keeps a few float32 tensors,
 * an int8 graph keeps float32 scales and biases); without float weights, the outputs' type.
 */
function activationType(graph: GraphSummary): ActivationType {
  const { float32, float16, bfloat16 } = graph.floatElements;
  if (float16 > float32 && float16 >= bfloat16) return "float16";
  if (bfloat16 > float32 && bfloat16 > float16) return "bfloat16";
  if (float32 > 0) return "float32";
  const output = graph.outputs.find((o) => o.elemType === DataType.FLOAT16 || o.elemType === DataType.BFLOAT16 || o.elemType === DataType.FLOAT);
  return output?.elemType === DataType.FLOAT16 ? "float16" : output?.elemType === DataType.BFLOAT16 ? "bfloat16" : "float32";
}

function weightQuantization(graph: GraphSummary, dynamic: boolean): WeightQuantization {
  if (graph.ops.has("MatMulBnb4")) return "bnb4";
  if (graph.nBits.length > 0) return `int${mostCommon(graph.nBits)}`;
  if (dynamic || graph.ops.has("MatMulInteger")) return "dynamic-int8";
  if (STATIC.some((op) => graph.ops.has(op))) return "static-int8";
  // Weights stored quantized and dequantized to float in the graph (QDQ weight-only).
  const four = graph.dequantized.filter((t) => t === DataType.INT4 || t === DataType.UINT4).length;
  const eight = graph.dequantized.filter((t) => t === DataType.INT8 || t === DataType.UINT8).length;
  if (four > 0 || eight > 0) return four >= eight ? "int4" : "int8";
  return "none";
}

function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 4;
}

/**
 * The precision a graph computes in, as read from the graph itself (never from its file name):
 * shared by the model reader that works it out, the results schema that records it and the
 * report that shows it.
 */

/** The graph variants a model folder may ship, by their transformers.js names (model/variants.ts maps them to files). */
export const DTYPES = ["fp32", "fp16", "q8", "int8", "uint8", "q4", "q4f16", "bnb4"] as const;
export type Dtype = (typeof DTYPES)[number];

/** The float type of the graph's weights and activations. */
export type ActivationType = "float32" | "float16" | "bfloat16";

/**
 * How the weights are quantized:
 * - "none";
 * - "dynamic-int8": 8-bit weights, activations quantized per batch at run time
 *   (DynamicQuantizeLinear / MatMulInteger / DynamicQuantizeMatMul, onnxruntime `quantize_dynamic`);
 * - "static-int8": 8-bit with fixed activation scales (QuantizeLinear / DequantizeLinear / QLinearMatMul);
 * - "int4" (and "int2", "int8", … by the op's `bits`): weight-only blocks (`MatMulNBits`);
 * - "bnb4": bitsandbytes 4-bit blocks (`MatMulBnb4`).
 */
export type WeightQuantization = "none" | "dynamic-int8" | "static-int8" | "bnb4" | `int${number}`;

export interface Precision {
  activations: ActivationType;
  weights: WeightQuantization;
  /** The quantization op types found in the graph, sorted (empty for a float graph). */
  quantizationOps: string[];
  /**
   * Outputs depend on which examples share a batch: dynamic quantization takes each
   * activation range over the whole batch tensor, padding included.
   */
  batchDependent: boolean;
}

const WEIGHTS_TEXT: Record<string, string> = {
  none: "weights not quantized",
  "dynamic-int8": "dynamic 8-bit quantization",
  "static-int8": "static 8-bit quantization",
  bnb4: "bnb4 4-bit weights",
};

/** For tables: "float16 activations, 4-bit weights (MatMulNBits)". */
export function describePrecision(p: Precision): string {
  const bits = /^int(\d+)$/.exec(p.weights);
  const weights = bits === null ? (WEIGHTS_TEXT[p.weights] ?? p.weights) : `${bits[1]}-bit weights`;
  const ops = p.quantizationOps.length > 0 ? ` (${p.quantizationOps.join(", ")})` : "";
  return `${p.activations} activations, ${weights}${ops}`;
}

/** A short name in transformers.js terms: fp32, fp16, q8, q4, q4f16, bnb4, … */
export function precisionName(p: Precision): string {
  const half = p.activations === "float16" ? "f16" : p.activations === "bfloat16" ? "bf16" : "";
  if (p.weights === "none") return p.activations === "float32" ? "fp32" : p.activations === "float16" ? "fp16" : "bf16";
  if (p.weights === "dynamic-int8") return `q8${half}`;
  if (p.weights === "static-int8") return `int8-static${half}`;
  if (p.weights === "bnb4") return `bnb4${half}`;
  return `q${p.weights.slice(3)}${half}`;
}

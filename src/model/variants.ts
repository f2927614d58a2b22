/**
 * The graph files a model folder may hold, by transformers.js dtype name: `model.onnx` (fp32),
 * `model_fp16.onnx`, `model_quantized.onnx` (q8), `model_int8.onnx`, `model_uint8.onnx`,
 * `model_q4.onnx`, `model_q4f16.onnx`, `model_bnb4.onnx`, each beside config.json (optimum
 * layout) or in `onnx/` (transformers.js layout). The name picks a file; what the file
 * computes in is read from the graph (precision.ts).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DTYPES, type Dtype } from "../precision.js";

const SUFFIX: Record<Dtype, string> = {
  fp32: "",
  fp16: "_fp16",
  q8: "_quantized",
  int8: "_int8",
  uint8: "_uint8",
  q4: "_q4",
  q4f16: "_q4f16",
  bnb4: "_bnb4",
};

export type Layout = "optimum" | "transformers.js";

export function isDtype(name: string): name is Dtype {
  return (DTYPES as readonly string[]).includes(name);
}

/** The graph's file name for a dtype: model.onnx, model_fp16.onnx, … */
export function graphFileName(dtype: Dtype): string {
  return `model${SUFFIX[dtype]}.onnx`;
}

/** Where to look, in order: beside config.json (optimum), then onnx/ (transformers.js). POSIX paths. */
export function graphCandidates(dtype: Dtype): Array<{ file: string; layout: Layout }> {
  const name = graphFileName(dtype);
  return [
    { file: name, layout: "optimum" },
    { file: `onnx/${name}`, layout: "transformers.js" },
  ];
}

export interface Variant {
  dtype: Dtype;
  /** Relative to the folder, POSIX separators. */
  file: string;
  layout: Layout;
}

/** The variants present in a folder, in DTYPES order (the first layout found per dtype). */
export function listVariants(dir: string): Variant[] {
  const found: Variant[] = [];
  for (const dtype of DTYPES) {
    const hit = graphCandidates(dtype).find((c) => existsSync(join(dir, c.file)));
    if (hit !== undefined) found.push({ dtype, ...hit });
  }
  return found;
}

/** "fp32 (onnx/model.onnx), fp16 (onnx/model_fp16.onnx)" or "none". */
export function describeVariants(variants: readonly Variant[]): string {
  return variants.length === 0 ? "no model*.onnx graph" : variants.map((v) => `${v.dtype} (${v.file})`).join(", ");
}

/**
 * A --dtype value: one name, a comma list, or "all". Returns the names in the order given,
 * without repeats; "all" is kept for the folder to expand. Null with the bad name otherwise.
 */
export function parseDtypeList(text: string): { dtypes: (Dtype | "all")[] } | { bad: string } {
  const out: (Dtype | "all")[] = [];
  for (const part of text.split(",").map((s) => s.trim())) {
    if (part !== "all" && !isDtype(part)) return { bad: part };
    if (!out.includes(part)) out.push(part);
  }
  return { dtypes: out };
}

/**
 * The element types glue-eval feeds and reads. Token ids, masks and type ids are built as
 * int64 and converted to what the graph declares (an fp16 export may take a float16 mask);
 * float16 and bfloat16 outputs are widened to float32 exactly.
 */
import { GlueEvalError } from "../errors.js";
import { int64ToFloat16, widenBfloat16, widenFloat16 } from "./float16.js";

export const FEED_TYPES = ["int64", "int32", "float32", "float16"] as const;
export type FeedType = (typeof FEED_TYPES)[number];
export type FeedData = BigInt64Array | Int32Array | Float32Array | Uint16Array;

export function isFeedType(type: string): type is FeedType {
  return (FEED_TYPES as readonly string[]).includes(type);
}

/** Throws INPUT_MISMATCH for an input type glue-eval cannot feed. */
export function checkInputType(name: string, type: string): FeedType {
  if (isFeedType(type)) return type;
  throw new GlueEvalError("INPUT_MISMATCH", `the graph's input "${name}" is ${type}; glue-eval feeds ${FEED_TYPES.join(", ")}`);
}

/** int64 values in the graph's input type; float16 only when each value is exact (ids above 2,048 are not). */
export function convertFeed(name: string, values: BigInt64Array, type: FeedType): FeedData {
  switch (type) {
    case "int64":
      return values;
    case "int32":
      return Int32Array.from(values, Number);
    case "float32":
      return Float32Array.from(values, Number);
    case "float16":
      try {
        return int64ToFloat16(values);
      } catch (error) {
        throw new GlueEvalError(
          "INPUT_MISMATCH",
          `the graph's input "${name}" is float16, which cannot hold its values exactly (${(error as Error).message})`,
          { cause: error },
        );
      }
  }
}

const bitsOf = (data: ArrayBufferView): Uint16Array => new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2);

/** An output tensor's data as float32: float32 as it is, float16 and bfloat16 widened exactly. */
export function outputAsFloat32(name: string, type: string, data: unknown): Float32Array {
  if (type === "float32") return data as Float32Array;
  if (type === "float16") return widenFloat16(bitsOf(data as ArrayBufferView));
  if (type === "bfloat16") return widenBfloat16(bitsOf(data as ArrayBufferView));
  throw new GlueEvalError("MODEL", `output "${name}" is ${type}; glue-eval reads float32, float16 or bfloat16 outputs`);
}

/** Sentence and sentence-pair encoding as run_glue.py: truncation longest_first, no padding. */
import type { Encoding, Tokenizer } from "tokenizers";
import type { TokenizerFile } from "../../model/tokenizer.js";
import { createTokenizer } from "../../model/tokenizer.js";
import type { Feature } from "../types.js";
import type { GlueExample } from "./read.js";

export interface EncodedSplit {
  features: Feature[];
  /** Examples cut at max_seq_length. */
  truncated: number;
  seconds: number;
}

/** Many encodes in flight: each runs on libuv's thread pool. */
const IN_FLIGHT = 2048;

export async function encodeExamples(
  file: TokenizerFile,
  examples: readonly GlueExample[],
  maxLength: number,
  onProgress?: (done: number, total: number) => void,
): Promise<EncodedSplit> {
  const started = performance.now();
  const tokenizer = createTokenizer(file, { maxLength, strategy: "longest_first" });
  const features: Feature[] = new Array<Feature>(examples.length);
  let truncated = 0;
  for (let start = 0; start < examples.length; start += IN_FLIGHT) {
    const chunk = examples.slice(start, start + IN_FLIGHT);
    const encodings = await encodeChunk(tokenizer, chunk);
    encodings.forEach((encoding, i) => {
      const ids = encoding.getIds();
      // Only an encoding cut at max length can have overflow: skip the native call for the rest.
      if (ids.length >= maxLength && encoding.getOverflowing().length > 0) truncated += 1;
      features[start + i] = { ids, typeIds: encoding.getTypeIds() };
    });
    onProgress?.(Math.min(start + IN_FLIGHT, examples.length), examples.length);
  }
  return { features, truncated, seconds: (performance.now() - started) / 1000 };
}

/**
 * The package's encodeBatch takes single sequences only (one native call for the lot, faster
 * than one call each), so pairs go through encode(a, b). Both give the same encodings.
 */
function encodeChunk(tokenizer: Tokenizer, chunk: readonly GlueExample[]): Promise<Encoding[]> {
  if (chunk.every((ex) => ex.pair === null)) return tokenizer.encodeBatch(chunk.map((ex) => ex.text));
  return Promise.all(chunk.map((ex) => tokenizer.encode(ex.text, ex.pair)));
}

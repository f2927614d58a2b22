/** Builds the int64 feeds of one batch straight into BigInt64Arrays (no boxed number arrays). */
import type { Int64Feed } from "../model/session.js";
import type { Feature } from "../tasks/interface.js";
import type { Batch } from "./batching.js";

/** The graph inputs glue-eval feeds; token_type_ids only where the graph takes it. */
export const FED_INPUTS = ["input_ids", "attention_mask", "token_type_ids"] as const;

/**
 * Token ids are written as two 32-bit halves through a Uint32Array view of the int64
 * buffer: no BigInt per token, which is most of the cost of building feeds. Exact for any
 * id in [-2^31, 2^32); needs a little-endian platform (else the BigInt path below).
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function writeRow(target: BigInt64Array, halves: Uint32Array | null, offset: number, values: ArrayLike<number>): void {
  const n = values.length;
  if (halves === null) {
    for (let j = 0; j < n; j++) target[offset + j] = BigInt(values[j] as number);
    return;
  }
  for (let j = 0, k = 2 * offset; j < n; j++, k += 2) {
    const v = values[j] as number;
    halves[k] = v >>> 0;
    halves[k + 1] = v < 0 ? 0xffffffff : 0;
  }
}

const view = (a: BigInt64Array): Uint32Array | null => (LITTLE_ENDIAN ? new Uint32Array(a.buffer, a.byteOffset, a.length * 2) : null);

export function buildFeeds(features: readonly Feature[], batch: Batch, inputNames: readonly string[], padId: number): Record<string, Int64Feed> {
  const rows = batch.members.length;
  const width = batch.length;
  const dims = [rows, width] as const;
  const ids = new BigInt64Array(rows * width);
  const mask = new BigInt64Array(rows * width);
  const types = inputNames.includes("token_type_ids") ? new BigInt64Array(rows * width) : null;
  const idHalves = view(ids);
  const typeHalves = types === null ? null : view(types);
  const pad = BigInt(padId);
  batch.members.forEach((m, r) => {
    const feature = features[m] as Feature;
    const offset = r * width;
    const n = feature.ids.length;
    writeRow(ids, idHalves, offset, feature.ids);
    mask.fill(1n, offset, offset + n);
    if (pad !== 0n) ids.fill(pad, offset + n, offset + width);
    if (types !== null) writeRow(types, typeHalves, offset, feature.typeIds);
  });
  const feeds: Record<string, Int64Feed> = { input_ids: { data: ids, dims }, attention_mask: { data: mask, dims } };
  if (types !== null) feeds.token_type_ids = { data: types, dims };
  return feeds;
}

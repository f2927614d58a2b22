/** Builds the int64 feeds of one batch straight into BigInt64Arrays (no boxed number arrays). */
import type { Int64Feed } from "../model/session.js";
import type { Feature } from "../tasks/types.js";
import type { Batch } from "./batching.js";

export function buildFeeds(
  features: readonly Feature[],
  batch: Batch,
  inputNames: readonly string[],
  padId: number,
): Record<string, Int64Feed> {
  const rows = batch.members.length;
  const width = batch.length;
  const dims = [rows, width] as const;
  const ids = new BigInt64Array(rows * width);
  const mask = new BigInt64Array(rows * width);
  const types = inputNames.includes("token_type_ids") ? new BigInt64Array(rows * width) : null;
  const pad = BigInt(padId);
  batch.members.forEach((m, r) => {
    const feature = features[m] as Feature;
    const offset = r * width;
    const n = feature.ids.length;
    for (let j = 0; j < n; j++) {
      ids[offset + j] = BigInt(feature.ids[j] as number);
      mask[offset + j] = 1n;
    }
    if (pad !== 0n) ids.fill(pad, offset + n, offset + width);
    if (types !== null) for (let j = 0; j < n; j++) types[offset + j] = BigInt(feature.typeIds[j] as number);
  });
  const feeds: Record<string, Int64Feed> = { input_ids: { data: ids, dims }, attention_mask: { data: mask, dims } };
  if (types !== null) feeds.token_type_ids = { data: types, dims };
  return feeds;
}

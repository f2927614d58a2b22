/** Length-bucketed batches: sort once by length, pad each batch only to its longest member. */
import type { Feature } from "../tasks/types.js";

export interface Batch {
  /** Feature indices in this batch (positions in the caller's array). */
  members: number[];
  /** Longest member: the batch's padded length. */
  length: number;
}

/** Longest first, so a batch that does not fit shows up at once; ties keep input order. */
export function planBatches(features: readonly Feature[], batchSize: number): Batch[] {
  const order = features.map((_, i) => i);
  order.sort((a, b) => (features[b]?.ids.length ?? 0) - (features[a]?.ids.length ?? 0) || a - b);
  const batches: Batch[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const members = order.slice(start, start + batchSize);
    batches.push({ members, length: features[members[0] ?? 0]?.ids.length ?? 0 });
  }
  return batches;
}

export interface PaddingStats {
  realTokens: number;
  fedTokens: number;
}

export function paddingStats(features: readonly Feature[], batches: readonly Batch[]): PaddingStats {
  let real = 0;
  let fed = 0;
  for (const batch of batches) {
    fed += batch.length * batch.members.length;
    for (const m of batch.members) real += features[m]?.ids.length ?? 0;
  }
  return { realTokens: real, fedTokens: fed };
}

/** Length-bucketed batches: sort once by length, pad each batch only to its longest member. */
import type { Feature } from "../tasks/types.js";

export interface Batch {
  /** Feature indices in this batch (positions in the caller's array). */
  members: number[];
  /** Longest member: the batch's padded length. */
  length: number;
}

/**
 * "length": longest first (a batch that does not fit shows up at once; ties keep input order),
 * so each batch pads little. "file": consecutive features in input order, as HF's Trainer
 * batches; int8 graphs need it to reproduce a reference run, because dynamic quantization
 * computes activation ranges over the whole batch tensor.
 */
export type BatchOrder = "length" | "file";

export function planBatches(features: readonly Feature[], batchSize: number, order: BatchOrder = "length"): Batch[] {
  const indices = features.map((_, i) => i);
  if (order === "length") indices.sort((a, b) => (features[b]?.ids.length ?? 0) - (features[a]?.ids.length ?? 0) || a - b);
  const batches: Batch[] = [];
  for (let start = 0; start < indices.length; start += batchSize) {
    const members = indices.slice(start, start + batchSize);
    const length = members.reduce((longest, m) => Math.max(longest, features[m]?.ids.length ?? 0), 0);
    batches.push({ members, length });
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

/** The baseline: batches straight into the session, nothing else. */
import type { ModelSession } from "../src/model/session.js";
import { type Batch, paddingStats } from "../src/runner/batching.js";
import { buildFeeds } from "../src/runner/tensors.js";
import type { Feature } from "../src/tasks/interface.js";

/** Seconds to run every batch (feeds built on the way, outputs dropped). */
export async function inferBatches(session: ModelSession, features: readonly Feature[], batches: readonly Batch[], padId: number): Promise<number> {
  const started = performance.now();
  for (const batch of batches) await session.run(buildFeeds(features, batch, session.inputNames, padId));
  return (performance.now() - started) / 1000;
}

/** run_glue.py's default: batches in file order, every row padded to max_seq_length. */
export function fixedBatches(count: number, batchSize: number, maxSeqLength: number): Batch[] {
  const batches: Batch[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const members = Array.from({ length: Math.min(batchSize, count - start) }, (_, i) => start + i);
    batches.push({ members, length: maxSeqLength });
  }
  return batches;
}

/** Pad tokens / all tokens fed. */
export function padFraction(features: readonly Feature[], batches: readonly Batch[]): number {
  const { realTokens, fedTokens } = paddingStats(features, batches);
  return fedTokens === 0 ? 0 : 1 - realTokens / fedTokens;
}

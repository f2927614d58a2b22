/** Batched inference over length-sorted batches; results come back in feature order. */
import { GlueEvalError } from "../errors.js";
import type { FloatOutput, ModelSession } from "../model/session.js";
import type { Feature, InferOutputs } from "../tasks/types.js";
import { type Batch, type BatchOrder, type PaddingStats, paddingStats, planBatches } from "./batching.js";
import type { CacheChunk, OutputCache } from "./cache.js";
import { buildFeeds } from "./tensors.js";

export interface InferOptions {
  batchSize: number;
  /** Default "length". */
  order?: BatchOrder;
  padId: number;
  onBatch?: (done: number, total: number) => void;
  /** Outputs are saved (and reused) per chunk of batches (see planChunks). */
  cache?: OutputCache;
  /**
   * Where the chunk saves go when the caller waits for them itself (after writing the results,
   * so that the last save overlaps that); without it they are awaited before returning.
   */
  saves?: Promise<void>[];
}

export interface InferStats extends PaddingStats {
  seconds: number;
  batches: number;
  /** Batches whose outputs came from the cache. */
  cachedBatches: number;
}

/**
 * A cache chunk closes once it holds this many fed tokens (or at the end): a killed run loses
 * about 50 ms of tiny BERT or 20 s of BERT-base on 2 cores, and a small set is one file.
 */
export const CHUNK_TOKENS = 1 << 15;

/** Consecutive batches grouped into cache chunks; the same batches always give the same chunks. */
export function planChunks(batches: readonly Batch[]): Batch[][] {
  const chunks: Batch[][] = [];
  let current: Batch[] = [];
  let tokens = 0;
  for (const batch of batches) {
    current.push(batch);
    tokens += batch.length * batch.members.length;
    if (tokens >= CHUNK_TOKENS) {
      chunks.push(current);
      current = [];
      tokens = 0;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export async function inferAll(
  session: ModelSession,
  features: readonly Feature[],
  outputs: readonly string[],
  options: InferOptions,
  stats?: InferStats,
): Promise<InferOutputs> {
  const missing = outputs.filter((name) => !session.outputNames.includes(name));
  if (missing.length > 0) {
    throw new GlueEvalError("MODEL", `the graph has no output ${missing.join(", ")} (it has: ${session.outputNames.join(", ")})`);
  }
  const started = performance.now();
  const batches = planBatches(features, options.batchSize, options.order);
  const result: InferOutputs = new Map(outputs.map((name) => [name, new Array<Float32Array>(features.length)]));
  let done = 0;
  let cachedBatches = 0;
  // Saves overlap the next chunks' inference.
  const saves: Promise<void>[] = options.saves ?? [];
  for (const [c, chunkBatches] of planChunks(batches).entries()) {
    const members = chunkBatches.flatMap((b) => b.members);
    let chunk = (await options.cache?.load(c, members)) ?? null;
    if (chunk !== null && outputs.every((o) => chunk?.rows.has(o))) cachedBatches += chunkBatches.length;
    else {
      chunk = await runChunk(session, features, outputs, chunkBatches, options.padId);
      if (options.cache !== undefined) saves.push(options.cache.save(c, chunk));
    }
    for (const name of outputs) {
      const rows = result.get(name) as Float32Array[];
      chunk.rows.get(name)?.forEach((row, i) => {
        rows[members[i] as number] = row;
      });
    }
    done += members.length;
    options.onBatch?.(done, features.length);
  }
  if (options.saves === undefined) await Promise.all(saves);
  if (stats !== undefined) {
    Object.assign(stats, { ...paddingStats(features, batches), seconds: (performance.now() - started) / 1000, batches: batches.length, cachedBatches });
  }
  return result;
}

async function runChunk(session: ModelSession, features: readonly Feature[], outputs: readonly string[], batches: readonly Batch[], padId: number): Promise<CacheChunk> {
  const rows = new Map<string, Float32Array[]>(outputs.map((o) => [o, []]));
  for (const batch of batches) {
    const out = await session.run(buildFeeds(features, batch, session.inputNames, padId));
    for (const name of outputs) {
      const tensor = out[name];
      if (tensor === undefined) throw new GlueEvalError("MODEL", `inference returned no output ${name}`);
      rows.get(name)?.push(...splitRows(tensor, name, batch, features));
    }
  }
  return { members: batches.flatMap((b) => b.members), rows };
}

/**
 * `logits` is one row per sequence; other 2-D outputs sized by the batch's length
 * (start_logits, end_logits) are one value per token, cut back to the feature's length.
 * Rows are views into the batch's output (onnxruntime-node copies every output into a new
 * buffer): a copy per row cost 15–50 ms on SQuAD dev's 21,506 rows, and as much again in
 * garbage collection.
 */
function splitRows(tensor: FloatOutput, name: string, batch: Batch, features: readonly Feature[]): Float32Array[] {
  const stride = tensor.data.length / batch.members.length;
  const perToken = name !== "logits" && tensor.dims.length === 2 && tensor.dims[1] === batch.length;
  return batch.members.map((m, r) => {
    const keep = perToken ? (features[m]?.ids.length ?? stride) : stride;
    return tensor.data.subarray(r * stride, r * stride + keep);
  });
}

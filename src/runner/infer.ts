/** Batched inference over planned batches (cached per chunk); results come back in feature order. */
import { GlueEvalError, throwIfAborted } from "../errors.js";
import type { FloatOutput, ModelSession } from "../model/session.js";
import type { OutputSpec } from "../tasks/catalogue/types.js";
import type { Feature, InferOutputs } from "../tasks/interface.js";
import { type Batch, type BatchOrder, type PaddingStats, paddingStats, planBatches } from "./batching.js";
import type { CacheChunk } from "./cache/chunk-file.js";
import type { OutputCache } from "./cache/store.js";
import { buildFeeds } from "./tensors.js";

export interface InferOptions {
  batchSize: number;
  /** Default "length". */
  order?: BatchOrder;
  padId: number;
  /** After each batch: the features done of all, and the batches done of all (a chunk read from the cache counts at once). */
  onBatch?: (done: number, total: number, batchesDone: number, batches: number) => void;
  /** Outputs are saved (and reused) per chunk of batches (see planChunks). */
  cache?: OutputCache;
  /** Checked between batches: once aborted, no further batch runs and inferAll rejects with an AbortError. */
  signal?: AbortSignal;
}

export interface InferStats extends PaddingStats {
  seconds: number;
  batches: number;
  /** Batches whose outputs came from the cache. */
  cachedBatches: number;
}

export interface Inference {
  outputs: InferOutputs;
  stats: InferStats;
  /**
   * Cache saves still in flight: the caller awaits them when it suits it (the runner, after
   * writing the results, so that the last save overlaps that).
   */
  pendingSaves: Promise<void>[];
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

/** The session must have every output asked for (the runner checks that before a task starts). */
export async function inferAll(session: ModelSession, features: readonly Feature[], outputs: readonly OutputSpec[], options: InferOptions): Promise<Inference> {
  const started = performance.now();
  const batches = planBatches(features, options.batchSize, options.order);
  const result: InferOutputs = new Map(outputs.map(({ name }) => [name, new Array<Float32Array>(features.length)]));
  let done = 0;
  let batchesDone = 0;
  const advance = (examples: number, count: number): void => {
    done += examples;
    batchesDone += count;
    options.onBatch?.(done, features.length, batchesDone, batches.length);
  };
  let cachedBatches = 0;
  // Saves overlap the next chunks' inference.
  const pendingSaves: Promise<void>[] = [];
  try {
    for (const [c, chunkBatches] of planChunks(batches).entries()) {
      throwIfAborted(options.signal);
      const members = chunkBatches.flatMap((b) => b.members);
      let chunk = (await options.cache?.load(c, members)) ?? null;
      if (chunk !== null && outputs.every(({ name }) => chunk?.rows.has(name))) {
        cachedBatches += chunkBatches.length;
        advance(members.length, chunkBatches.length);
      } else {
        chunk = await runChunk(session, features, outputs, chunkBatches, options.padId, (batch) => {
          advance(batch.members.length, 1);
          throwIfAborted(options.signal);
        });
        if (options.cache !== undefined) pendingSaves.push(options.cache.save(c, chunk));
      }
      for (const { name } of outputs) {
        const rows = result.get(name) as Float32Array[];
        chunk.rows.get(name)?.forEach((row, i) => {
          rows[members[i] as number] = row;
        });
      }
    }
  } catch (error) {
    // Saves already started finish (or fail) quietly before the error goes up.
    await Promise.allSettled(pendingSaves);
    throw error;
  }
  const stats = { ...paddingStats(features, batches), seconds: (performance.now() - started) / 1000, batches: batches.length, cachedBatches };
  return { outputs: result, stats, pendingSaves };
}

async function runChunk(
  session: ModelSession,
  features: readonly Feature[],
  outputs: readonly OutputSpec[],
  batches: readonly Batch[],
  padId: number,
  onBatch: (batch: Batch) => void,
): Promise<CacheChunk> {
  const rows = new Map<string, Float32Array[]>(outputs.map(({ name }) => [name, []]));
  for (const batch of batches) {
    const out = await session.run(buildFeeds(features, batch, session.inputNames, padId));
    for (const output of outputs) {
      const tensor = out[output.name];
      if (tensor === undefined) throw new GlueEvalError("MODEL", `inference returned no output ${output.name}`);
      rows.get(output.name)?.push(...splitRows(tensor, output, batch, features));
    }
    onBatch(batch);
  }
  return { members: batches.flatMap((b) => b.members), rows };
}

/**
 * One row per batch member: a per-example output (`logits`) as it is; a per-token output
 * (`start_logits`, sized by the batch's padded length) cut back to the feature's length.
 * Rows are views into the batch's output (onnxruntime-node copies every output into a new
 * buffer): a copy per row cost 15–50 ms on SQuAD dev's 21,506 rows, and as much again in
 * garbage collection.
 */
function splitRows(tensor: FloatOutput, output: OutputSpec, batch: Batch, features: readonly Feature[]): Float32Array[] {
  const stride = tensor.data.length / batch.members.length;
  if (output.per === "token" && stride !== batch.length) {
    throw new GlueEvalError("MODEL", `output ${output.name} should have one value per token (${batch.length} per row), the graph gives ${stride}`);
  }
  return batch.members.map((m, r) => {
    const keep = output.per === "token" ? (features[m]?.ids.length ?? stride) : stride;
    return tensor.data.subarray(r * stride, r * stride + keep);
  });
}

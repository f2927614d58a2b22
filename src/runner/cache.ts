/**
 * On-disk cache of model outputs, in chunks of batches, so that a killed run recomputes only
 * the chunk it was working on. The key covers the model digest (the graph and every
 * external-data file it names, model/digest.ts), the tokenizer (sha256), the task, the
 * preprocessing flags, glue-eval's version, a hash of every encoded input (so a changed data
 * file, tokenizer or flag gives a new key) and the runtime: see inferenceKeyParts, the one
 * place the key is built.
 * A chunk file (chunk-file.ts) carries a checksum of its payload; written atomically, and read
 * only when it is a regular file of the size its header states (chunk-read.ts).
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { arch, cpus, homedir, platform } from "node:os";
import { join } from "node:path";
import { SESSION_SETTINGS } from "../model/session.js";
import type { Feature } from "../tasks/types.js";
import { writeFileAtomic } from "../util/atomic.js";
import { ioReason } from "../util/durable.js";
import { openRegular } from "../util/regular-file.js";
import { GLUE_EVAL_VERSION } from "../version.js";
import { BATCHING_SCHEME, type BatchOrder } from "./batching.js";
import { CHUNK_FORMAT, type CacheChunk, type DecodedChunk, encodeChunk } from "./chunk-file.js";
import { readChunk } from "./chunk-read.js";

export type { CacheChunk };

export interface OutputCache {
  readonly dir: string;
  load(chunk: number, members: readonly number[]): Promise<CacheChunk | null>;
  /** Never rejects: a failed save is a warning (see openCache). */
  save(chunk: number, data: CacheChunk): Promise<void>;
}

export function defaultCacheDir(): string {
  const env = process.env.GLUE_EVAL_CACHE_DIR;
  if (env !== undefined && env !== "") return env;
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "glue-eval");
}

/**
 * One hash over every feature as (length, ids, type ids) in int32, streamed through a small
 * buffer: no copy of all inputs at once (which, on a large set, is garbage the size of the inputs).
 */
export function hashFeatures(features: readonly Feature[]): string {
  const hash = createHash("sha256");
  const buffer = new Int32Array(1 << 14);
  let at = 0;
  const put = (value: number): void => {
    if (at === buffer.length) {
      hash.update(buffer);
      at = 0;
    }
    buffer[at++] = value;
  };
  for (const f of features) {
    put(f.ids.length);
    for (let i = 0; i < f.ids.length; i++) put(f.ids[i] as number);
    for (let i = 0; i < f.typeIds.length; i++) put(f.typeIds[i] as number);
  }
  hash.update(buffer.subarray(0, at));
  return hash.digest("hex");
}

export function cacheKey(parts: Record<string, unknown>): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
}

/** Facts of the runtime that can change an output for the same graph and the same input ids. */
export interface RuntimeFacts {
  /** The installed onnxruntime-node's version: kernels differ between releases. */
  onnxruntime: string;
  /** cpu, cuda, ...: kernels differ between providers. */
  executionProvider: string;
  /** Intra-op threads (see inferenceKeyParts). */
  threads: number;
  /** The GPU a GPU provider ran on (--device-id); absent on the CPU. Devices of one machine can be different cards. */
  deviceId?: number;
}

/** Everything that can change one task's model outputs. */
export interface InferenceKey {
  /** The model digest: the graph and its external data, as the results' `model.sha256`. */
  modelSha256: string;
  tokenizerSha256: string;
  padId: number;
  task: string;
  split: string;
  maxSeqLength: number;
  /** Part of the key: int8 graphs give batch-dependent outputs. */
  batchSize: number;
  order: BatchOrder;
  docStride: number;
  outputs: readonly string[];
  features: readonly Feature[];
  runtime: RuntimeFacts;
}

/**
 * What the key of one task's inference is made of: glue-eval's version, the model, the
 * tokenizer, the flags, the batching, every input, and the runtime:
 * - onnxruntime's version and the execution provider (CPU, CUDA, TensorRT... run other kernels);
 * - the session settings (graph optimization level, execution mode), which decide the fused
 *   kernels that run;
 * - the intra-op thread count: outputs were bit-identical at 1, 2 and 3 threads on this
 *   project's CPU builds (tiny BERT fp32 and int8, BERT-base fp32), but onnxruntime does not
 *   promise it for every kernel and provider, so another count is another key;
 * - the platform, architecture and CPU model: onnxruntime picks its CPU kernels by instruction
 *   set (AVX2, AVX-512, VNNI for int8), so a cache folder shared between machines must not hand
 *   one machine's outputs to another;
 * - the chunk file layout, so that chunks of another layout are never read.
 * Not included, because they cannot change an output: the Node.js version, the results folder,
 * --limit (the inputs' hash covers the examples fed), progress and output flags.
 */
export function inferenceKeyParts(k: InferenceKey): Record<string, unknown> {
  return {
    glueEval: GLUE_EVAL_VERSION,
    model: k.modelSha256,
    tokenizer: k.tokenizerSha256,
    task: k.task,
    split: k.split,
    maxSeqLength: k.maxSeqLength,
    batchSize: k.batchSize,
    order: k.order,
    batching: k.order === "length" ? BATCHING_SCHEME : "consecutive",
    docStride: k.docStride,
    padId: k.padId,
    outputs: k.outputs,
    inputs: hashFeatures(k.features),
    onnxruntime: k.runtime.onnxruntime,
    executionProvider: k.runtime.executionProvider,
    threads: k.runtime.threads,
    deviceId: k.runtime.deviceId ?? null,
    session: SESSION_SETTINGS,
    machine: `${platform()} ${arch()} ${cpus()[0]?.model.trim() ?? "unknown cpu"}`,
    chunkFormat: CHUNK_FORMAT,
  };
}

/** The cache key of one task's inference (see inferenceKeyParts). */
export function inferenceCacheKey(k: InferenceKey): string {
  return cacheKey(inferenceKeyParts(k));
}

/**
 * The chunks of one key. It never fails a run: a chunk that cannot be read or written turns
 * the cache off for the rest of the task with one warning naming the folder and the reason;
 * a chunk that fails its checksum is a miss with a warning, and is written again.
 */
export function openCache(root: string, key: string, warn: (message: string) => void): OutputCache {
  const dir = join(root, key);
  const name = (chunk: number): string => `chunk-${String(chunk).padStart(5, "0")}.bin`;
  // A key seen for the first time has no folder: skip one failed read per chunk.
  const existed = existsSync(dir);
  let off = false;
  const fail = (what: string, error: unknown): void => {
    if (off) return;
    off = true;
    warn(`cache folder ${dir}: cannot ${what} (${ioReason(error)}); the run goes on without the cache`);
  };
  return {
    dir,
    async load(chunk, members) {
      if (!existed || off) return null;
      const path = join(dir, name(chunk));
      let decoded: DecodedChunk;
      try {
        const file = await openRegular(path);
        try {
          decoded = await readChunk(file, members);
        } finally {
          await file.handle.close();
        }
      } catch (error) {
        // A folder, a named pipe or a device where a chunk should be is a cache that cannot be read.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") fail(`read ${name(chunk)}`, error);
        return null;
      }
      if (decoded.kind === "damaged") warn(`cache file ${path} is damaged (${decoded.reason}); recomputing it`);
      return decoded.kind === "ok" ? decoded.chunk : null;
    },
    async save(chunk, data) {
      if (off) return;
      try {
        // No flush to the disk: a chunk checks itself on read (its checksum), so a chunk torn by a
        // power loss is a miss, and the flushes cost tiny models about a tenth of their run.
        await writeFileAtomic(join(dir, name(chunk)), encodeChunk(data), { flush: false });
      } catch (error) {
        fail(`write ${name(chunk)}`, error);
      }
    },
  };
}

/**
 * On-disk cache of model outputs, in chunks of batches, so that a killed run recomputes only
 * the chunk it was working on. The key covers the graph (sha256), the tokenizer (sha256),
 * the task, the preprocessing flags, glue-eval's version and a hash of every encoded input
 * (so a changed data file, tokenizer or flag gives a new key).
 * A chunk file: u32 header length, JSON header, float32 rows; written atomically.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Feature } from "../tasks/types.js";
import { writeFileAtomic } from "../util/atomic.js";
import { GLUE_EVAL_VERSION } from "../version.js";
import { BATCHING_SCHEME, type BatchOrder } from "./batching.js";

export interface CacheChunk {
  members: number[];
  /** Per output name, one row per member. */
  rows: Map<string, Float32Array[]>;
}

export interface OutputCache {
  readonly dir: string;
  load(chunk: number, members: readonly number[]): Promise<CacheChunk | null>;
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

/** Everything that can change one task's model outputs. */
export interface InferenceKey {
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
}

/** The cache key of one task's inference: glue-eval's version, the model, the tokenizer, the flags, the batching and every input. */
export function inferenceCacheKey(k: InferenceKey): string {
  return cacheKey({
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
  });
}

export function openCache(root: string, key: string): OutputCache {
  const dir = join(root, key);
  const path = (chunk: number): string => join(dir, `chunk-${String(chunk).padStart(5, "0")}.bin`);
  // A key seen for the first time has no folder: skip one failed read per chunk.
  const existed = existsSync(dir);
  return {
    dir,
    async load(chunk, members) {
      if (!existed) return null;
      let bytes: Buffer;
      try {
        bytes = await readFile(path(chunk));
      } catch {
        return null;
      }
      return decodeChunk(bytes, members);
    },
    async save(chunk, data) {
      await writeFileAtomic(path(chunk), encodeChunk(data));
    },
  };
}

interface Header {
  members: number[];
  outputs: Record<string, number[]>;
}

function encodeChunk({ members, rows }: CacheChunk): Uint8Array {
  const outputs: Record<string, number[]> = {};
  let floats = 0;
  for (const [name, list] of rows) {
    outputs[name] = list.map((r) => r.length);
    floats += list.reduce((s, r) => s + r.length, 0);
  }
  const header = Buffer.from(JSON.stringify({ members, outputs } satisfies Header));
  const headerBytes = Math.ceil((4 + header.length) / 4) * 4;
  const out = Buffer.alloc(headerBytes + floats * 4);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  const data = new Float32Array(out.buffer, out.byteOffset + headerBytes, floats);
  let at = 0;
  for (const list of rows.values()) {
    for (const r of list) {
      data.set(r, at);
      at += r.length;
    }
  }
  return out;
}

/** Returns null for a file that is not exactly the chunk asked for (stale or damaged). */
function decodeChunk(bytes: Buffer, members: readonly number[]): CacheChunk | null {
  try {
    const length = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.subarray(4, 4 + length).toString("utf8")) as Header;
    if (header.members.length !== members.length || header.members.some((m, i) => m !== members[i])) return null;
    const headerBytes = Math.ceil((4 + length) / 4) * 4;
    const copy = new Uint8Array(bytes.subarray(headerBytes));
    const data = new Float32Array(copy.buffer, 0, copy.byteLength / 4);
    const rows = new Map<string, Float32Array[]>();
    let at = 0;
    for (const [name, lengths] of Object.entries(header.outputs)) {
      if (lengths.length !== members.length) return null;
      rows.set(
        name,
        lengths.map((n) => {
          const row = data.slice(at, at + n);
          at += n;
          return row;
        }),
      );
    }
    return at === data.length ? { members: [...members], rows } : null;
  } catch {
    return null;
  }
}

/**
 * On-disk cache of model outputs, in chunks of batches, so that a killed run recomputes only
 * the chunk it was working on; one folder per key (key.ts). A chunk file (chunk-file.ts)
 * carries a checksum of its payload; written atomically, and read only when it is a regular
 * file of the size its header states (chunk-read.ts).
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { ioReason } from "../../errors.js";
import { writeFileAtomic } from "../../util/atomic.js";
import { openRegular } from "../../util/regular-file.js";
import { type CacheChunk, type DecodedChunk, encodeChunk } from "./chunk-file.js";
import { readChunk } from "./chunk-read.js";

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

import { randomBytes } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { syncDir, writeDurable } from "./durable.js";

/**
 * Writes a file so that a reader (or a run killed at any moment) sees either the
 * previous content or the new one, never half of it: write a temporary file in the
 * same folder, flush it to the disk, then rename it over the target (and flush the folder).
 * An iterable of strings is written piece by piece (see `inPieces`), so a large file need not
 * exist as one string. `flush: false` skips the two flushes, for files that check themselves
 * on read (the cache's chunks carry a checksum): power loss can then leave a damaged file, which
 * its reader detects, but never a wrong one.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>, options: { flush?: boolean } = {}): Promise<void> {
  const flush = options.flush ?? true;
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeDurable(tmp, data, flush);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  if (flush) await syncDir(dir);
}

/** Joins small strings into pieces of about `size` characters: one write per piece, not per string. */
export function* inPieces(parts: Iterable<string>, size = 1 << 20): Generator<string> {
  let piece = "";
  for (const part of parts) {
    piece += part;
    if (piece.length >= size) {
      yield piece;
      piece = "";
    }
  }
  if (piece !== "") yield piece;
}

/**
 * Writes that survive a power cut: the bytes are flushed to the disk (fsync) before the caller
 * renames the file into place, and the folder's entry after the rename. Without the first
 * flush, ext4 and XFS can show an empty file under the final name after a crash.
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";

export interface WrittenFile {
  bytes: number;
  sha256: string;
}

export type FileData = string | Uint8Array | Iterable<string>;

/** Writes `data` to a new file at `path`, flushes it, and returns its size and sha256. */
export async function writeDurable(path: string, data: FileData, flush = true): Promise<WrittenFile> {
  const hash = createHash("sha256");
  let bytes = 0;
  const file = await open(path, "w");
  try {
    for (const piece of pieces(data)) {
      const buffer = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
      hash.update(buffer);
      let at = 0;
      while (at < buffer.length) at += (await file.write(buffer, at, buffer.length - at)).bytesWritten;
      bytes += buffer.length;
    }
    if (flush) await file.sync();
  } finally {
    await file.close();
  }
  return { bytes, sha256: hash.digest("hex") };
}

function* pieces(data: FileData): Generator<string | Uint8Array> {
  if (typeof data === "string" || data instanceof Uint8Array) yield data;
  else yield* data;
}

/**
 * Flushes a folder's entries (a rename, a new file) to the disk. Some systems cannot open a
 * folder for that (Windows) or refuse the flush (some network file systems): there it is skipped.
 */
export async function syncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    if (!UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
  } finally {
    await handle?.close();
  }
}

const UNSUPPORTED = new Set(["EISDIR", "EPERM", "EINVAL", "EBADF", "ENOTSUP", "EACCES"]);

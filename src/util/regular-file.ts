/**
 * Opening a file that a cache (or anything glue-eval did not just write) names. A FIFO put in
 * a file's place would block an open for reading until a writer comes, and a read of a device
 * may never end: the file is opened without blocking (O_NONBLOCK; a regular file reads as
 * usual) and used only when fstat says it is a regular file.
 */
import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";

/** The path names something other than a regular file: `kind` says what. */
export class NotRegularFile extends Error {
  override name = "NotRegularFile";
  readonly code = "ENOTREG";
}

export interface RegularFile {
  handle: FileHandle;
  size: number;
}

export async function openRegular(path: string): Promise<RegularFile> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      const kind = stat.isFIFO() ? "a named pipe" : stat.isDirectory() ? "a folder" : stat.isSocket() ? "a socket" : "a device";
      throw new NotRegularFile(`not a regular file but ${kind}`);
    }
    return { handle, size: stat.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Exactly `length` bytes at `position` (short only where the file is). */
export async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buffer, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buffer.subarray(0, got);
}

/** A regular file's bytes, refused (before reading) when it holds more than `maxBytes`. */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  const { handle, size } = await openRegular(path);
  try {
    if (size > maxBytes) throw new RangeError(`${size} bytes, more than the ${maxBytes} expected`);
    return await readAt(handle, 0, size);
  } finally {
    await handle.close();
  }
}

import type { FileHandle } from "node:fs/promises";
import { integrityError } from "./errors.js";

/** One member of a zip archive, from its central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  isDirectory: boolean;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

/**
 * Reads the central directory. The archive is read from disk piece by piece, so a
 * several-hundred-megabyte GLUE archive never sits in memory. Zip64 is refused: no GLUE
 * archive needs it.
 */
export async function readZipEntries(file: FileHandle, label: string): Promise<ZipEntry[]> {
  const { size } = await file.stat();
  const tailLength = Math.min(size, EOCD_MIN + MAX_COMMENT);
  const tail = await readAt(file, size - tailLength, tailLength);
  const eocd = findEocd(tail);
  if (eocd < 0) throw integrityError(`${label}: not a zip archive (no end-of-central-directory record)`);
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw integrityError(`${label}: zip64 archives are not supported`);
  if (dirOffset + dirSize > size) throw integrityError(`${label}: truncated archive (central directory past the end)`);
  return parseCentralDirectory(await readAt(file, dirOffset, dirSize), count, label);
}

function findEocd(tail: Buffer): number {
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  return -1;
}

function parseCentralDirectory(dir: Buffer, count: number, label: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw integrityError(`${label}: corrupt central directory (entry ${i + 1})`);
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const commentLength = dir.readUInt16LE(at + 32);
    const name = dir.toString("utf8", at + 46, at + 46 + nameLength);
    entries.push({
      name,
      flags: dir.readUInt16LE(at + 8),
      method: dir.readUInt16LE(at + 10),
      crc32: dir.readUInt32LE(at + 16),
      compressedSize: dir.readUInt32LE(at + 20),
      size: dir.readUInt32LE(at + 24),
      localHeaderOffset: dir.readUInt32LE(at + 42),
      isDirectory: name.endsWith("/"),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Offset of an entry's data: after its local header, whose name and extra lengths can differ from the central copy. */
export async function entryDataOffset(file: FileHandle, entry: ZipEntry, label: string): Promise<number> {
  const header = await readAt(file, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw integrityError(`${label}: corrupt local header for "${entry.name}"`);
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/**
 * The path segments an entry may be written to, or an error for a name that would land
 * outside the target folder (zip-slip): absolute paths, drive letters, backslashes (a
 * separator on Windows), `..` segments and NUL bytes are refused. `.` and empty segments
 * are dropped. Returns [] for the archive root.
 */
export function safeEntrySegments(name: string, label: string): string[] {
  const refuse = (why: string) => integrityError(`${label}: refusing archive entry "${name}": ${why}; it could be written outside the target folder`);
  if (name.includes("\0")) throw refuse("NUL byte in the name");
  if (name.includes("\\")) throw refuse("backslash in the name");
  if (/^[A-Za-z]:/.test(name)) throw refuse("drive letter");
  if (name.startsWith("/")) throw refuse("absolute path");
  const segments = name.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) throw refuse('".." segment');
  return segments;
}

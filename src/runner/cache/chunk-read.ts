/**
 * Reading a cache chunk from the disk. Only a regular file is read (a named pipe in a chunk's
 * place would block the run for good, util/regular-file.ts), and its size is checked against
 * the size its header states before the payload is read: a chunk that is not what its header
 * says is refused after a few bytes, not after reading gigabytes of it. Then every byte is
 * checked (chunk-file.ts).
 */
import { readAt, type RegularFile } from "../../util/regular-file.js";
import { CHUNK_HEAD_BYTES, type DecodedChunk, decodeChunk, headerLength, parseHeader, sameMembers } from "./chunk-file.js";

/** A header is a few kilobytes (members and row lengths): far larger is not one. */
const MAX_HEADER_BYTES = 8 << 20;

export async function readChunk({ handle, size }: RegularFile, members: readonly number[]): Promise<DecodedChunk> {
  const length = headerLength(await readAt(handle, 0, CHUNK_HEAD_BYTES));
  if (length === null) return { kind: "damaged", reason: "not a chunk file" };
  if (length > MAX_HEADER_BYTES || CHUNK_HEAD_BYTES + length > size) return { kind: "damaged", reason: `its header is ${length} bytes long, the file ${size}` };
  const parsed = parseHeader(await readAt(handle, CHUNK_HEAD_BYTES, length));
  if ("reason" in parsed) return { kind: "damaged", reason: parsed.reason };
  if (!sameMembers(parsed.header, members)) return { kind: "stale" };
  if (parsed.size !== size) return { kind: "damaged", reason: `the file has ${size} bytes, its header states ${parsed.size}` };
  return decodeChunk(await readAt(handle, 0, size), members);
}

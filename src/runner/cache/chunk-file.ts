/**
 * The bytes of one cache chunk: "GEC2", the sha256 of everything after it, a u32 header
 * length, a JSON header (members, row lengths per output), padding to 4 bytes, float32 rows.
 * The checksum is checked on every read, so a changed byte (a bit flip on disk, two values
 * swapped by hand) makes the chunk a miss instead of feeding wrong numbers into the results.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { fieldPath } from "../../results/validate.js";

export interface CacheChunk {
  members: number[];
  /** Per output name, one row per member. */
  rows: Map<string, Float32Array[]>;
}

/** Part of the cache key: a chunk written in another layout is never read. */
export const CHUNK_FORMAT = "GEC2";

const MAGIC = Buffer.from(CHUNK_FORMAT, "ascii");
const SUM = 32;
const BODY = MAGIC.length + SUM;

/** The chunk's index of its payload: the examples it holds and, per output, each row's length. */
const HeaderSchema = z.object({
  members: z.array(z.number().int().nonnegative()),
  outputs: z.record(z.string(), z.array(z.number().int().nonnegative())),
});
type Header = z.infer<typeof HeaderSchema>;

export type DecodedChunk = { kind: "ok"; chunk: CacheChunk } | { kind: "stale" } | { kind: "damaged"; reason: string };

export function encodeChunk({ members, rows }: CacheChunk): Buffer {
  const outputs: Record<string, number[]> = {};
  let floats = 0;
  for (const [name, list] of rows) {
    outputs[name] = list.map((r) => r.length);
    floats += list.reduce((s, r) => s + r.length, 0);
  }
  const header = Buffer.from(JSON.stringify({ members, outputs } satisfies Header));
  const dataAt = align(BODY + 4 + header.length);
  const out = Buffer.alloc(dataAt + floats * 4);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(header.length, BODY);
  header.copy(out, BODY + 4);
  const data = new Float32Array(out.buffer, out.byteOffset + dataAt, floats);
  let at = 0;
  for (const list of rows.values()) {
    for (const r of list) {
      data.set(r, at);
      at += r.length;
    }
  }
  checksum(out).copy(out, MAGIC.length);
  return out;
}

/** The magic, the checksum and the header's length: what must be read to know the rest's size. */
export const CHUNK_HEAD_BYTES = BODY + 4;

/** The header's length as the head states it; null when the bytes are not a chunk file's. */
export function headerLength(head: Buffer): number | null {
  return head.length < CHUNK_HEAD_BYTES || !head.subarray(0, MAGIC.length).equals(MAGIC) ? null : head.readUInt32LE(BODY);
}

/** The header, checked against its schema, and the file size it states; a reason when it cannot be read. */
export function parseHeader(json: Buffer): { header: Header; size: number } | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(json.toString("utf8"));
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
  const parsed = HeaderSchema.safeParse(value);
  if (!parsed.success) return { reason: `header field ${fieldPath(parsed.error.issues[0]?.path ?? [])}: ${parsed.error.issues[0]?.message ?? "invalid"}` };
  const floats = Object.values(parsed.data.outputs).reduce((sum, lengths) => lengths.reduce((s, n) => s + n, sum), 0);
  return { header: parsed.data, size: align(CHUNK_HEAD_BYTES + json.length) + floats * 4 };
}

export const sameMembers = (header: Header, members: readonly number[]): boolean =>
  header.members.length === members.length && header.members.every((m, i) => m === members[i]);

/** "stale": a whole chunk of other members (another plan); "damaged": bytes that fail the checksum or do not parse. */
export function decodeChunk(bytes: Buffer, members: readonly number[]): DecodedChunk {
  const length = headerLength(bytes);
  if (length === null) return { kind: "damaged", reason: "not a chunk file" };
  if (!checksum(bytes).equals(bytes.subarray(MAGIC.length, BODY))) return { kind: "damaged", reason: "checksum mismatch" };
  try {
    const parsed = parseHeader(bytes.subarray(CHUNK_HEAD_BYTES, CHUNK_HEAD_BYTES + length));
    if ("reason" in parsed) return { kind: "damaged", reason: parsed.reason };
    const { header } = parsed;
    if (!sameMembers(header, members)) return { kind: "stale" };
    const copy = new Uint8Array(bytes.subarray(align(CHUNK_HEAD_BYTES + length)));
    const data = new Float32Array(copy.buffer, 0, copy.byteLength / 4);
    const rows = new Map<string, Float32Array[]>();
    let at = 0;
    for (const [name, lengths] of Object.entries(header.outputs)) {
      if (lengths.length !== members.length) return { kind: "damaged", reason: `output ${name} has ${lengths.length} rows for ${members.length} members` };
      rows.set(
        name,
        lengths.map((n) => {
          const row = data.slice(at, at + n);
          at += n;
          return row;
        }),
      );
    }
    return at === data.length ? { kind: "ok", chunk: { members: [...members], rows } } : { kind: "damaged", reason: "row lengths do not add up" };
  } catch (error) {
    return { kind: "damaged", reason: error instanceof Error ? error.message : String(error) };
  }
}

function checksum(bytes: Buffer): Buffer {
  return createHash("sha256").update(bytes.subarray(BODY)).digest();
}

const align = (n: number): number => Math.ceil(n / 4) * 4;

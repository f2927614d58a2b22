/**
 * The bytes of one cache chunk: "GEC2", the sha256 of everything after it, a u32 header
 * length, a JSON header (members, row lengths per output), padding to 4 bytes, float32 rows.
 * The checksum is checked on every read, so a changed byte (a bit flip on disk, two values
 * swapped by hand) makes the chunk a miss instead of feeding wrong numbers into the results.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { fieldPath } from "../validate.js";

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

/** "stale": a whole chunk of other members (another plan); "damaged": bytes that fail the checksum or do not parse. */
export function decodeChunk(bytes: Buffer, members: readonly number[]): DecodedChunk {
  if (bytes.length < BODY + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { kind: "damaged", reason: "not a chunk file" };
  if (!checksum(bytes).equals(bytes.subarray(MAGIC.length, BODY))) return { kind: "damaged", reason: "checksum mismatch" };
  try {
    const length = bytes.readUInt32LE(BODY);
    const parsed = HeaderSchema.safeParse(JSON.parse(bytes.subarray(BODY + 4, BODY + 4 + length).toString("utf8")));
    if (!parsed.success) return { kind: "damaged", reason: `header field ${fieldPath(parsed.error.issues[0]?.path ?? [])}: ${parsed.error.issues[0]?.message ?? "invalid"}` };
    const header = parsed.data;
    if (header.members.length !== members.length || header.members.some((m, i) => m !== members[i])) return { kind: "stale" };
    const copy = new Uint8Array(bytes.subarray(align(BODY + 4 + length)));
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

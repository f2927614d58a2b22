/**
 * Walks the fields of a protobuf message stored in a file without reading the file whole.
 *
 * protobufjs decodes from one buffer in memory. An fp32 graph saved without external data
 * holds its weights inline (up to 2 GB), and glue-eval needs only its nodes, inputs and
 * outputs and the initializers' names, types and external-data entries. So the messages
 * whose fields may be large (ModelProto, GraphProto, TensorProto) are walked here field by
 * field, reading each field's tag and length with protobufjs's Reader and seeking past the
 * tensor data; every message that is kept is then decoded by protobufjs (schema.ts).
 * Reads go through a window of 64 KiB, so the small fields cost few system calls.
 */
import { type FileHandle, open } from "node:fs/promises";
import protobuf from "protobufjs/light.js";

const WINDOW = 1 << 16;
/** A tag and a length are varints of at most 10 bytes each. */
const HEADER_MAX = 20;

export interface FieldSpan {
  field: number;
  wire: number;
  /** The field's first byte (its tag). */
  start: number;
  /** Where its value starts (after the tag and, for length-delimited fields, the length). */
  valueStart: number;
  /** One past its last byte. */
  end: number;
}

export class FileBytes {
  private window: Uint8Array = new Uint8Array(0);
  private windowStart = 0;
  /** Bytes read from the file so far. */
  bytesRead = 0;

  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<FileBytes> {
    const handle = await open(path, "r");
    try {
      return new FileBytes(handle, (await handle.stat()).size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Bytes [position, position + length) clipped to the file; a view valid until the next read. */
  async read(position: number, length: number): Promise<Uint8Array> {
    const end = Math.min(position + length, this.size);
    const windowEnd = this.windowStart + this.window.length;
    if (position >= this.windowStart && end <= windowEnd) {
      return this.window.subarray(position - this.windowStart, end - this.windowStart);
    }
    const size = Math.max(end - position, Math.min(WINDOW, this.size - position));
    const buffer = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await this.handle.read(buffer, filled, size - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      this.bytesRead += bytesRead;
    }
    this.window = buffer.subarray(0, filled);
    this.windowStart = position;
    return this.window.subarray(0, Math.min(end - position, filled));
  }

  /** A copy of [start, end), safe to keep. */
  async copy(start: number, end: number): Promise<Uint8Array> {
    return (await this.read(start, end - start)).slice();
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

export class MalformedProtobuf extends Error {
  constructor(offset: number, problem: string) {
    super(`${problem} at byte ${offset}`);
    this.name = "MalformedProtobuf";
  }
}

/** The fields of the message occupying [start, end) of the file, in order. */
export async function* fieldsOf(file: FileBytes, start: number, end: number): AsyncGenerator<FieldSpan> {
  let at = start;
  while (at < end) {
    const header = await file.read(at, Math.min(HEADER_MAX, end - at));
    const span = readHeader(header, at);
    if (span.end > end) throw new MalformedProtobuf(at, `field ${span.field} runs past its message`);
    yield span;
    at = span.end;
  }
}

function readHeader(header: Uint8Array, at: number): FieldSpan {
  const reader = protobuf.Reader.create(header);
  try {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 0) throw new MalformedProtobuf(at, "field number 0");
    switch (wire) {
      case 0:
        reader.skipType(0);
        return { field, wire, start: at, valueStart: at + reader.pos, end: at + reader.pos };
      case 1:
        return { field, wire, start: at, valueStart: at + reader.pos, end: at + reader.pos + 8 };
      case 2: {
        const length = reader.uint32();
        return { field, wire, start: at, valueStart: at + reader.pos, end: at + reader.pos + length };
      }
      case 5:
        return { field, wire, start: at, valueStart: at + reader.pos, end: at + reader.pos + 4 };
      default:
        throw new MalformedProtobuf(at, `wire type ${wire}, which ONNX does not use`);
    }
  } catch (error) {
    if (error instanceof MalformedProtobuf) throw error;
    throw new MalformedProtobuf(at, "truncated field header");
  }
}

/** Concatenates kept field bytes into one message buffer for protobufjs. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

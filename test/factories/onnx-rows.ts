/**
 * Rewrites a classifier head in an ONNX file so that the graph itself emits its logits in another
 * order: the rows of the head's weight ([labels, hidden], a Gemm with transB=1 as HF exports it)
 * and its bias are permuted in place. Only the float32 `raw_data` bytes move, so every protobuf
 * length stays as it is. A minimal protobuf walk (ModelProto.graph = 7, GraphProto.initializer =
 * 5, TensorProto dims = 1, data_type = 2, name = 8, raw_data = 9) finds them.
 */

interface Field {
  field: number;
  start: number;
  end: number;
  value: number;
}

function varint(buf: Uint8Array, at: number): [number, number] {
  let value = 0;
  let scale = 1;
  let p = at;
  for (;;) {
    const byte = buf[p++];
    if (byte === undefined) throw new Error("truncated varint");
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return [value, p];
    scale *= 128;
  }
}

function fields(buf: Uint8Array, start: number, end: number): Field[] {
  const out: Field[] = [];
  let p = start;
  while (p < end) {
    const [key, next] = varint(buf, p);
    p = next;
    const wire = key % 8;
    const field = Math.floor(key / 8);
    if (wire === 0) {
      const [value, after] = varint(buf, p);
      out.push({ field, start: p, end: after, value });
      p = after;
    } else if (wire === 2) {
      const [length, after] = varint(buf, p);
      out.push({ field, start: after, end: after + length, value: length });
      p = after + length;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      out.push({ field, start: p, end: p + size, value: 0 });
      p += size;
    } else {
      throw new Error(`unsupported protobuf wire type ${wire}`);
    }
  }
  return out;
}

const FLOAT = 1;

/** The float32 raw bytes and dims of a named initializer. */
function initializer(buf: Uint8Array, name: string): { dims: number[]; start: number; end: number } {
  const graph = fields(buf, 0, buf.length).find((f) => f.field === 7);
  if (graph === undefined) throw new Error("no graph in the ONNX file");
  for (const init of fields(buf, graph.start, graph.end).filter((f) => f.field === 5)) {
    const tensor = fields(buf, init.start, init.end);
    const nameField = tensor.find((f) => f.field === 8);
    if (nameField === undefined || Buffer.from(buf.subarray(nameField.start, nameField.end)).toString("utf8") !== name) continue;
    const raw = tensor.find((f) => f.field === 9);
    if (tensor.find((f) => f.field === 2)?.value !== FLOAT || raw === undefined) throw new Error(`${name}: expected float32 raw_data`);
    return { dims: tensor.filter((f) => f.field === 1).map((f) => f.value), start: raw.start, end: raw.end };
  }
  throw new Error(`no initializer ${name}`);
}

/** Output row i of the new head is row order[i] of the old one. */
export function permuteHeadRows(onnx: Uint8Array, order: readonly number[], weight = "classifier.weight", bias = "classifier.bias"): Uint8Array {
  const out = Uint8Array.from(onnx);
  for (const name of [weight, bias]) {
    const { dims, start, end } = initializer(out, name);
    if (dims[0] !== order.length) throw new Error(`${name}: ${dims[0]} rows, ${order.length} in the order`);
    const rowBytes = (end - start) / order.length;
    const old = onnx.slice(start, end);
    order.forEach((from, to) => {
      out.set(old.subarray(from * rowBytes, (from + 1) * rowBytes), start + to * rowBytes);
    });
  }
  return out;
}

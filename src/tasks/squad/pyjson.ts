/**
 * JSON text as Python's `json.dumps(obj, indent=4)` writes it (how run_qa.py saves
 * predictions.json, nbest_predictions.json and null_odds.json), so the files equal HF's:
 * non-ASCII escaped (`ensure_ascii`), floats in Python's repr (`1e-05`, `3.0`), keys in
 * insertion order.
 */

/** A JSON object whose keys keep their order even when they look like integers. */
export class PyObject {
  constructor(readonly entries: readonly (readonly [string, PyValue])[]) {}
}

export type PyValue = string | number | boolean | null | readonly PyValue[] | PyObject;

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    // Both languages write these in fixed notation with the same shortest digits.
    const text = String(x);
    return text.includes(".") ? text : `${text}.0`;
  }
  const [mantissa = "", exp = "0"] = x.toExponential().split("e");
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  const text = String(x);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

function pyString(text: string): string {
  const quoted = JSON.stringify(text);
  // Most answers are ASCII: one scan, no replacement.
  if (!NON_ASCII.test(quoted)) return quoted;
  return quoted.replace(NON_ASCII_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function pyJson(value: PyValue, indent = 4, level = 0): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return pyFloat(value);
  if (typeof value === "string") return pyString(value);
  if (value instanceof PyObject) {
    if (value.entries.length === 0) return "{}";
    let text = "";
    for (const [i, entry] of value.entries.entries()) text += objectEntry(entry, i === 0, indent, level);
    return `${text}\n${" ".repeat(indent * level)}}`;
  }
  const list = value as readonly PyValue[];
  if (list.length === 0) return "[]";
  const inner = " ".repeat(indent * (level + 1));
  let text = "[\n";
  for (const [i, item] of list.entries()) text += `${i === 0 ? "" : ",\n"}${inner}${pyJson(item, indent, level + 1)}`;
  return `${text}\n${" ".repeat(indent * level)}]`;
}

/** One `"key": value` of an object, with the separator before it (or the opening brace). */
function objectEntry([key, item]: readonly [string, PyValue], first: boolean, indent: number, level: number): string {
  return `${first ? "{\n" : ",\n"}${" ".repeat(indent * (level + 1))}${pyString(key)}: ${pyJson(item, indent, level + 1)}`;
}

/**
 * `pyJson(new PyObject(entries), indent, level)`, one entry at a time (with its separator), so
 * that a large object can be written without building its whole text.
 */
export function* pyJsonObjectPieces(entries: Iterable<readonly [string, PyValue]>, indent = 4, level = 0): Generator<string> {
  let first = true;
  for (const entry of entries) {
    yield objectEntry(entry, first, indent, level);
    first = false;
  }
  yield first ? "{}" : `\n${" ".repeat(indent * level)}}`;
}

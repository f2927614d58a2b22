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
  const [mantissa = "", exp = "0"] = x.toExponential().split("e");
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  const text = String(x);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

function pyString(text: string): string {
  return JSON.stringify(text).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function pyJson(value: PyValue, indent = 4, level = 0): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return pyFloat(value);
  if (typeof value === "string") return pyString(value);
  const inner = " ".repeat(indent * (level + 1));
  const outer = " ".repeat(indent * level);
  if (value instanceof PyObject) return [...pyJsonObjectPieces(value.entries, indent, level)].join("");
  const list = value as readonly PyValue[];
  if (list.length === 0) return "[]";
  return `[\n${list.map((item) => `${inner}${pyJson(item, indent, level + 1)}`).join(",\n")}\n${outer}]`;
}

/**
 * `pyJson(new PyObject(entries), indent, level)`, one entry at a time (with its separator), so
 * that a large object can be written without building its whole text.
 */
export function* pyJsonObjectPieces(entries: Iterable<readonly [string, PyValue]>, indent = 4, level = 0): Generator<string> {
  const inner = " ".repeat(indent * (level + 1));
  let first = true;
  for (const [key, item] of entries) {
    yield `${first ? "{\n" : ",\n"}${inner}${pyString(key)}: ${pyJson(item, indent, level + 1)}`;
    first = false;
  }
  yield first ? "{}" : `\n${" ".repeat(indent * level)}}`;
}

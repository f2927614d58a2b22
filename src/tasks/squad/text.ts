/**
 * Slicing the original context by tokenizer offsets, which count Unicode code points
 * (Python string indices), while JavaScript strings index UTF-16 units.
 */
export interface CodePointText {
  text: string;
  /** UTF-16 index of each code point (and of the end); null when they coincide. */
  units: Uint32Array | null;
  length: number;
}

export function codePointText(text: string): CodePointText {
  if (!/[\uD800-\uDFFF]/.test(text)) return { text, units: null, length: text.length };
  const units: number[] = [];
  let i = 0;
  for (const ch of text) {
    units.push(i);
    i += ch.length;
  }
  units.push(i);
  return { text, units: Uint32Array.from(units), length: units.length - 1 };
}

/** Python's `text[start:end]` for non-negative code point indices. */
export function sliceCodePoints(source: CodePointText, start: number, end: number): string {
  const from = Math.min(Math.max(start, 0), source.length);
  const to = Math.min(Math.max(end, 0), source.length);
  if (to <= from) return "";
  if (source.units === null) return source.text.slice(from, to);
  return source.text.slice(source.units[from], source.units[to]);
}

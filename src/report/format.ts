/** Number and text formatting shared by the renderers. */
import type { MetricUnit } from "./units.js";

/**
 * `x` with `digits` decimals, rounded half away from zero on its shortest decimal form, so
 * that 68.05 prints as 68.1 and 0.8665 × 100 (86.64999…) as 86.7, like the decimals they stand
 * for (plain `toFixed` rounds the binary value: 68.05.toFixed(1) is "68.0"). Never "-0.0".
 */
export function fixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const clean = Number(x.toPrecision(12));
  const shortest = String(Math.abs(clean));
  let text: string;
  if (shortest.includes("e")) text = clean.toFixed(digits);
  else {
    const scaled = Math.round(Number(`${shortest}e${digits}`));
    text = (Math.sign(clean) * Number(`${scaled}e-${digits}`)).toFixed(digits);
  }
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A metric value in display units: GLUE fractions ×100, SQuAD percentages as they are. */
export function toPoints(value: number, unit: MetricUnit): number {
  return unit === "fraction" ? value * 100 : value;
}

/** A metric value as the details tables show it. */
export function formatMetric(value: number | null, unit: MetricUnit): string {
  if (value === null) return "-";
  switch (unit) {
    case "fraction":
    case "percent":
      return fixed(toPoints(value, unit), 2);
    case "count":
      return String(value);
    case "raw":
      return fixed(value, 4);
  }
}

/**
 * Examples per second, only for outputs computed in the run: a task whose model outputs were read
 * from the cache says so instead, since reading a file times nothing about the model.
 */
export function formatSpeed(timing: { examplesPerSecond: number; batches: number; cachedBatches: number }, digits = 0): string {
  if (timing.cachedBatches <= 0) return fixed(timing.examplesPerSecond, digits);
  return timing.cachedBatches >= timing.batches ? "cached" : `cached (${timing.cachedBatches} of ${timing.batches} batches)`;
}

/** A share in [0, 1] as a percentage with two decimals. */
export function formatShare(value: number): string {
  return `${fixed(value * 100, 2)}%`;
}

/** A p-value: four decimals, or "< 0.0001". */
export function formatP(p: number | null): string {
  if (p === null) return "-";
  return p < 0.0001 ? "< 0.0001" : fixed(p, 4);
}

/** A signed difference in points. */
export function formatSigned(x: number | null, digits = 2): string {
  if (x === null) return "-";
  const text = fixed(x, digits);
  return x > 0 && text !== fixed(0, digits) ? `+${text}` : text;
}

/** A markdown table from a header and rows; `align` per column: "l" or "r". */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ("l" | "r")[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  const rule = header.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [line(header), line(rule), ...rows.map(line)].join("\n");
}

/** POSIX shell quoting, so a recorded command can be pasted back into a shell. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(" ");
}

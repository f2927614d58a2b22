/**
 * Numbers that JSON cannot hold. JSON.stringify writes NaN and ±Infinity as `null`, which
 * loses them: a −Infinity logit read back as null (or NaN) picks another class. The
 * predictions files write them as the strings "NaN", "Infinity" and "-Infinity" (Python's
 * `float()` reads the same spellings) and every reader turns them back into numbers.
 */
export type NonFiniteText = "NaN" | "Infinity" | "-Infinity";

/** A number as a results file writes it. */
export type JsonFloat = number | NonFiniteText;

/** `x`, or its spelling as a string when JSON cannot hold it. */
export function jsonFloat(x: number): JsonFloat {
  return Number.isFinite(x) ? x : (String(x) as NonFiniteText);
}

/** A number written by jsonFloat (or a bare number); null for anything else. */
export function readJsonFloat(value: unknown): number | null {
  if (typeof value === "number") return value;
  return value === "NaN" || value === "Infinity" || value === "-Infinity" ? Number(value) : null;
}

/** The first index of a value that is NaN or ±Infinity; -1 when all are finite. */
export function firstNonFinite(row: ArrayLike<number>): number {
  for (let i = 0; i < row.length; i++) if (!Number.isFinite(row[i])) return i;
  return -1;
}

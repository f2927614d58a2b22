/** An example's input as one short line, for tables that list examples (flipped predictions, worst errors). */
import type { PredictionLine } from "../results/schema.js";

/** Between a pair's two sentences; never inside GLUE text, whose fields are tab-separated single lines. */
export const PAIR_SEPARATOR = " ‖ ";

/** The input as read (GLUE: the sentence, or both of a pair; SQuAD: the question); null in files written before glue-eval recorded it. */
export function inputText(line: PredictionLine): string | null {
  if (typeof line.text !== "string") return null;
  return typeof line.pair === "string" ? `${line.text}${PAIR_SEPARATOR}${line.pair}` : line.text;
}

/**
 * `text` on one line of at most `width` characters (code points): white space runs and
 * control characters become one space, and a longer text is cut with "…". Control
 * characters would otherwise move a terminal's cursor or end a table row.
 */
export function oneLine(text: string, width: number): string {
  const flat = text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/gu, " ").trim();
  const chars = [...flat];
  return chars.length <= width
    ? flat
    : `${chars
        .slice(0, Math.max(0, width - 1))
        .join("")
        .trimEnd()}…`;
}

/** What every section of the bench's results shares; imports nothing from the bench. */
import type { Spread } from "./stats.js";

export interface Skipped {
  skipped: string;
}

export const isSkipped = (x: object): x is Skipped => "skipped" in x;

export interface ModeResult {
  /** Seconds per repetition over the case's examples. */
  seconds: Spread;
  /** Examples (GLUE rows, SQuAD questions) per second at the median. */
  examplesPerSecond: number;
}

export const modeResult = (n: number, seconds: Spread): ModeResult => ({ seconds, examplesPerSecond: n / seconds.median });

/** A case that did not run, and why. */
export interface SkippedCase extends Skipped {
  model: string;
  task: string;
}

/**
 * The order of `items` in repetition `rep`: each repetition starts one item further on, so
 * that a place in the sequence (which shifts a time by a few percent) favours none of them.
 */
export function rotate<T>(items: readonly T[], rep: number): T[] {
  if (items.length === 0) return [];
  const start = ((rep % items.length) + items.length) % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

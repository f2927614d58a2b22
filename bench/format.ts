/** Number formats shared by the bench's markdown sections. */
import type { ModeResult } from "./result.js";

export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
export const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
/** Sizes of small files too: 1.05 MiB, 3.93 MiB, 437 MiB, 5.81 GiB. */
export const size = (bytes: number): string => (bytes >= 2 ** 30 ? gib(bytes) : bytes < 10 * 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(2)} MiB` : mib(bytes));
export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
export const num = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
export const secs = (x: number): string => `${x >= 10 ? x.toFixed(1) : x.toFixed(2)} s`;
export const mark = (ok: boolean): string => (ok ? "✓" : "✗");

/** Examples/s at the median, with the range over repetitions (slowest–fastest). */
export function rate(n: number, m: ModeResult): string {
  return `${num(m.examplesPerSecond)} (${num(n / m.seconds.max)}–${num(n / m.seconds.min)})`;
}

/**
 * A full garbage collection before each timed mode, so that no mode pays for the garbage the
 * previous one left (node runs the bench without --expose-gc, so the flag is set here).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

export function settle(): void {
  gc();
}

/** `fn` started on a collected heap. */
export function settled<T>(fn: () => Promise<T>): Promise<T> {
  settle();
  return fn();
}

/**
 * The n largest entries of a logits row, as utils_qa.py takes them:
 * `np.argsort(logits)[-1 : -n - 1 : -1]`, without sorting the whole row.
 *
 * Order: value descending; NaN counts as the largest value (numpy sorts NaN last);
 * equal values come highest index first, which is the reverse of a stable ascending
 * argsort. numpy's default argsort (introsort, or SIMD sorts on AVX2/AVX-512 machines) is
 * not stable, so for exact ties the order it gives differs between machines; the stable
 * order is the one it gives where it is stable (short rows, the non-SIMD path) and the only
 * one that is reproducible. Exact ties of float32 logits within a row's top n are rare.
 */

/** numpy's sort order: is `a` at or above `b`? */
function atOrAbove(a: number, b: number): boolean {
  if (Number.isNaN(a)) return true;
  if (Number.isNaN(b)) return false;
  return a >= b;
}

/** Reused buffers (the function is synchronous): the kept values and their indices, best first. */
let keptValues = new Float64Array(32);
let keptIndices = new Int32Array(32);

const atOrAboveNumber = (a: number, b: number): boolean => a >= b;

/**
 * @example topIndices([1, 3, 2], 2) -> [1, 2]
 * @example topIndices([5, 5, 1], 2) -> [1, 0]   (ties: higher index first)
 */
export function topIndices(values: ArrayLike<number>, n: number): number[] {
  if (n <= 0) return [];
  if (keptValues.length < n) {
    keptValues = new Float64Array(n);
    keptIndices = new Int32Array(n);
  }
  const kept = keptValues;
  const indices = keptIndices;
  let size = 0;
  // Until the list is full, `floor` is a value that at least n entries reach (so no entry
  // below it can be kept); then the value at the bottom of the list. `value < floor` rejects
  // exactly what !atOrAbove(value, floor) rejects when neither is NaN, and nothing when one is.
  let floor = blockFloor(values, n);
  // Without NaN in the row, plain comparisons give numpy's order.
  const above = Number.isNaN(floor) ? atOrAbove : atOrAboveNumber;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value < floor) continue;
    if (size === n && !above(value, kept[n - 1] as number)) continue;
    // A later index ranks above every earlier equal value, so it goes before the first entry it
    // equals. A full list drops its last entry.
    let at = size < n ? size : n - 1;
    while (at > 0 && above(value, kept[at - 1] as number)) {
      kept[at] = kept[at - 1] as number;
      indices[at] = indices[at - 1] as number;
      at--;
    }
    kept[at] = value;
    indices[at] = i;
    if (size < n) size++;
    if (size === n) floor = kept[n - 1] as number;
  }
  const top = new Array<number>(size);
  for (let k = 0; k < size; k++) top[k] = indices[k] as number;
  return top;
}

/**
 * The lowest of the maxima of n consecutive blocks: n entries (the maxima) are at or above it,
 * so every entry below it ranks under n others. NaN (no bound) when the row holds a NaN or is
 * too short for the bound to save anything.
 */
function blockFloor(values: ArrayLike<number>, n: number): number {
  const block = Math.floor(values.length / n);
  if (block < 4) {
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return Number.NaN;
    return Number.NEGATIVE_INFINITY;
  }
  let floor = Number.POSITIVE_INFINITY;
  for (let b = 0; b < n; b++) {
    const end = b === n - 1 ? values.length : (b + 1) * block;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = b * block; i < end; i++) {
      const value = values[i] as number;
      if (value > max) max = value;
      else if (Number.isNaN(value)) return Number.NaN;
    }
    if (max < floor) floor = max;
  }
  return floor;
}

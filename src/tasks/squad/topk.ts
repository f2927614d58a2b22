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

/**
 * @example topIndices([1, 3, 2], 2) -> [1, 2]
 * @example topIndices([5, 5, 1], 2) -> [1, 0]   (ties: higher index first)
 */
export function topIndices(values: ArrayLike<number>, n: number): number[] {
  const top: number[] = [];
  if (n <= 0) return top;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (top.length === n && !atOrAbove(value, values[top[n - 1] as number] as number)) continue;
    // A later index ranks above every earlier equal value, so it goes before the first entry it equals.
    let at = top.length;
    while (at > 0 && atOrAbove(value, values[top[at - 1] as number] as number)) at--;
    top.splice(at, 0, i);
    if (top.length > n) top.pop();
  }
  return top;
}

/**
 * Where a task is cut into shards: contiguous, deterministic slices of its examples (GLUE
 * rows, SQuAD questions), the same in every process that asks with the same request.
 */

/** `--shard K/N`, and how finely the cuts may fall. */
export interface ShardRequest {
  /** K, from 0 to count − 1. */
  index: number;
  /** N. */
  count: number;
  /**
   * Cuts fall only where this many features divide the features before them: the batch size
   * when batches are cut in file order (their outputs can depend on their neighbours, as with
   * dynamic int8, so a shard must run exactly the unsharded run's batches), else 1.
   */
  align: number;
}

/** Examples [start, end) of the task's `total` (after --limit). */
export interface ShardSlice {
  index: number;
  count: number;
  start: number;
  end: number;
  total: number;
}

/**
 * The slice of shard `request.index`. `featuresBefore(e)` counts the features (model inputs)
 * of the examples before example e, for e from 0 to total; it must not decrease. The cut
 * between shards k − 1 and k is the allowed example boundary nearest to k / N of the
 * features (ties: the earlier one). A boundary is allowed when its feature count is a
 * multiple of `align`; the start and the end of the task always are. A shard may be empty
 * when allowed boundaries are scarce (more shards than batches).
 *
 * @example sliceBounds(10, { index: 1, count: 3, align: 1 }) -> { start: 3, end: 7, ... }
 * @example sliceBounds(100, { index: 1, count: 3, align: 32 }) -> { start: 32, end: 64, ... }
 */
export function sliceBounds(total: number, request: ShardRequest, featuresBefore: (example: number) => number = (e) => e): ShardSlice {
  const { index, count } = request;
  return { index, count, start: cut(total, index, request, featuresBefore), end: cut(total, index + 1, request, featuresBefore), total };
}

function cut(total: number, k: number, { count, align }: ShardRequest, featuresBefore: (example: number) => number): number {
  if (k <= 0) return 0;
  if (k >= count) return total;
  const target = (k * featuresBefore(total)) / count;
  const allowed = (e: number): boolean => e === 0 || e === total || featuresBefore(e) % align === 0;
  // First boundary at or past the target, then the nearest allowed one on either side.
  let lo = 0;
  let hi = total;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (featuresBefore(mid) < target) lo = mid + 1;
    else hi = mid;
  }
  let after = lo;
  while (!allowed(after)) after++;
  let before = lo - 1;
  while (before > 0 && !allowed(before)) before--;
  if (before < 0) return after;
  return target - featuresBefore(before) <= featuresBefore(after) - target ? before : after;
}

import { createRng } from "./random.js";

/** A statistic of the examples at `indices` (repeats allowed); null where undefined. */
export type IndexStatistic = (indices: Uint32Array) => number | null;

export interface BootstrapOptions {
  /** Number of resamples to draw (default 1000). */
  readonly resamples?: number;
  /** Seed of the resampling generator (default DEFAULT_SEED). */
  readonly seed?: number;
  /** Two-sided confidence level in (0, 1) (default 0.95). */
  readonly level?: number;
}

/** Default seed: fixed so that reruns and other machines print the same intervals. */
export const DEFAULT_SEED = 20260101;
export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_LEVEL = 0.95;

/** How the report's and the comparison's intervals are drawn. */
export interface CiSettings {
  resamples: number;
  seed: number;
  level: number;
}

/** Fixed, so that the same results always give the same report. */
export const REPORT_CI: CiSettings = { resamples: DEFAULT_RESAMPLES, seed: DEFAULT_SEED, level: DEFAULT_LEVEL };

export interface BootstrapInterval {
  /** The statistic on the full sample (indices 0..n−1 in order). */
  readonly estimate: number | null;
  /** Percentile bounds; null when no resample gave a defined statistic. */
  readonly low: number | null;
  readonly high: number | null;
  /** Resamples that gave a defined statistic (the bounds rest on these) and resamples drawn. */
  readonly resamples: number;
  readonly requested: number;
  readonly seed: number;
  readonly level: number;
}

export interface PairedBootstrapResult extends Omit<BootstrapInterval, "estimate"> {
  /** statB − statA on the full sample. */
  readonly diff: number | null;
  /** Two-sided p-value for "B and A score the same"; null when diff is null. */
  readonly pValue: number | null;
}

/**
 * Percentile-bootstrap confidence interval (Efron & Tibshirani 1993, §13.3) of a
 * statistic over n examples: draw `resamples` samples of n example indices with
 * replacement, evaluate the statistic on each, and report the (1 − level)/2 and
 * (1 + level)/2 quantiles of the defined values. Quantiles interpolate linearly
 * between order statistics, NumPy's default `np.quantile` rule: with m sorted
 * values v, quantile q is v[h] interpolated at h = (m − 1)·q.
 *
 * Deterministic: the same n, seed and resample count give the same indices.
 * The `indices` buffer is reused between calls; the statistic must not keep it.
 *
 * Worked example: a statistic that ignores its indices and returns 0.5 gives
 * estimate = low = high = 0.5; one that always returns null gives low = high = null
 * and resamples = 0.
 */
export function bootstrapCI(n: number, statistic: IndexStatistic, opts: BootstrapOptions = {}): BootstrapInterval {
  const { resamples, seed, level } = resolve(n, opts);
  const values: number[] = [];
  drawResamples(n, resamples, seed, (indices) => {
    const v = statistic(indices);
    if (v !== null && !Number.isNaN(v)) values.push(v);
  });
  const [low, high] = percentileBounds(values, level);
  return { estimate: statistic(identity(n)), low, high, resamples: values.length, requested: resamples, seed, level };
}

/**
 * Paired bootstrap comparison of two systems scored on the same n examples
 * (Koehn 2004; Berg-Kirkpatrick et al. 2012): each resample draws one set of
 * example indices and scores BOTH systems on it, so the spread reflects only
 * how the difference varies, not each system's own variance.
 *
 * Returns diff = statB − statA on the full sample, the percentile interval of
 * the resampled differences (as `bootstrapCI`), and a two-sided p-value defined
 * exactly as: with d the observed diff and d_1..d_m the defined resampled
 * differences,
 *   p = min(1, 2 · #{ i : d_i ≤ 0 } / m)  when d > 0,
 *   p = min(1, 2 · #{ i : d_i ≥ 0 } / m)  when d < 0,
 *   p = 1                                  when d = 0,
 * i.e. twice the bootstrap share of resamples on which the winner does not win
 * (ties count against the observed winner, which keeps p conservative). This
 * is Koehn's one-sided count made two-sided; Berg-Kirkpatrick et al. count
 * resamples with d_i > 2d instead, which agrees when the resampled differences
 * are symmetric about d. With m resamples the smallest non-zero p is 2/m, and
 * p = 0 (no resample reversed the result) should be read as p < 2/m.
 *
 * Worked example: identical statistics for A and B give diff 0, low = high = 0, p = 1.
 */
export function pairedBootstrap(n: number, statA: IndexStatistic, statB: IndexStatistic, opts: BootstrapOptions = {}): PairedBootstrapResult {
  const { resamples, seed, level } = resolve(n, opts);
  const diffs: number[] = [];
  drawResamples(n, resamples, seed, (indices) => {
    const d = difference(statA(indices), statB(indices));
    if (d !== null) diffs.push(d);
  });
  const all = identity(n);
  const diff = difference(statA(all), statB(all));
  const [low, high] = percentileBounds(diffs, level);
  const common = { low, high, resamples: diffs.length, requested: resamples, seed, level };
  if (diff === null || diffs.length === 0) return { ...common, diff, pValue: null };
  if (diff === 0) return { ...common, diff, pValue: 1 };
  const against = diffs.filter((d) => (diff > 0 ? d <= 0 : d >= 0)).length;
  return { ...common, diff, pValue: Math.min(1, (2 * against) / diffs.length) };
}

/**
 * Adapts a metric of (gold, pred) to an index statistic: the metric of the examples
 * at `indices`, gathered into fresh arrays.
 */
export function metricStatistic(
  metric: (gold: ArrayLike<number>, pred: ArrayLike<number>) => number | null,
  gold: ArrayLike<number>,
  pred: ArrayLike<number>,
): IndexStatistic {
  return (indices) => {
    const g = new Float64Array(indices.length);
    const p = new Float64Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
      const k = indices[i] as number;
      g[i] = gold[k] as number;
      p[i] = pred[k] as number;
    }
    return metric(g, p);
  };
}

/** Linear-interpolation quantile of ascending-sorted values (NumPy's default method). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of no values");
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

function percentileBounds(values: number[], level: number): [number | null, number | null] {
  if (values.length === 0) return [null, null];
  const sorted = Float64Array.from(values).sort();
  return [quantileSorted(sorted, (1 - level) / 2), quantileSorted(sorted, (1 + level) / 2)];
}

function difference(a: number | null, b: number | null): number | null {
  if (a === null || b === null || Number.isNaN(a) || Number.isNaN(b)) return null;
  return b - a;
}

function drawResamples(n: number, resamples: number, seed: number, visit: (indices: Uint32Array) => void): void {
  const rng = createRng(seed);
  const indices = new Uint32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) indices[i] = rng.nextInt(n);
    visit(indices);
  }
}

function identity(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}

function resolve(n: number, opts: BootstrapOptions): { resamples: number; seed: number; level: number } {
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const seed = opts.seed ?? DEFAULT_SEED;
  const level = opts.level ?? DEFAULT_LEVEL;
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`bootstrap: n must be ≥ 1, got ${n}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`bootstrap: resamples must be ≥ 1, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap: level must be in (0, 1), got ${level}`);
  return { resamples, seed, level };
}

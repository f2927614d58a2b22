import type { WorkedExamples } from "./input.js";

/**
 * McNemar's exact test for two classifiers scored on the same examples
 * (McNemar 1947; the exact form as in statsmodels' `mcnemar(exact=True)`).
 * Only discordant examples carry evidence: b where A is right and B wrong, c
 * where A is wrong and B right. Under "A and B are equally accurate" each
 * discordant example is a fair coin flip, so b ~ Binomial(b + c, 1/2) and
 *
 *   p = min(1, 2 · P(X ≤ min(b, c))),  X ~ Binomial(b + c, 1/2);  p = 1 when b + c = 0.
 *
 * Range [0, 1]; smaller is stronger evidence that the accuracies differ.
 * Terms are summed relative to the largest one and scaled in log space, so
 * b + c in the hundreds of thousands neither overflows nor loses precision;
 * a p-value below ~1e-308 underflows to 0.
 *
 * Worked examples: `examples` below, each with its hand computation; the test suite runs them
 * (test/metrics/examples.test.ts).
 *
 * @throws RangeError unless b and c are non-negative integers.
 */
export function mcnemarExact(b: number, c: number): number {
  for (const [name, v] of [
    ["b", b],
    ["c", c],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`mcnemarExact: ${name} must be a non-negative integer, got ${v}`);
  }
  const n = b + c;
  const k = Math.min(b, c);
  if (n === 0 || 2 * k >= n) return 1;
  // Σ_{i≤k} C(n,i) = C(n,k) · Σ_{i≤k} C(n,i)/C(n,k); the ratios fall from 1 as i drops below n/2.
  let ratio = 1;
  let sum = 1;
  for (let i = k; i > 0; i--) {
    ratio *= i / (n - i + 1);
    sum += ratio;
    if (ratio < sum * 1e-17) break;
  }
  const logP = logChoose(n, k) - n * Math.LN2 + Math.log(sum);
  return Math.min(1, 2 * Math.exp(logP));
}

/** ln C(n, k) as a compensated sum of ln((n − k + j) / j), exact to ~1e-12 for n ≤ 10^6. */
function logChoose(n: number, k: number): number {
  const m = Math.min(k, n - k);
  let sum = 0;
  let comp = 0;
  for (let j = 1; j <= m; j++) {
    const v = Math.log((n - m + j) / j);
    const t = sum + v;
    comp += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + comp;
}

export interface McNemarResult {
  /** Examples A gets right and B gets wrong. */
  readonly b: number;
  /** Examples A gets wrong and B gets right. */
  readonly c: number;
  readonly pValue: number;
}

/**
 * McNemar's exact test from gold labels and two systems' predictions.
 * @throws RangeError when the three inputs are empty or differ in length.
 */
export function mcnemarFromPredictions(gold: ArrayLike<number>, predA: ArrayLike<number>, predB: ArrayLike<number>): McNemarResult {
  if (gold.length !== predA.length || gold.length !== predB.length) {
    throw new RangeError(`mcnemar: lengths differ (gold ${gold.length}, A ${predA.length}, B ${predB.length})`);
  }
  if (gold.length === 0) throw new RangeError("mcnemar: no examples");
  let b = 0;
  let c = 0;
  for (let i = 0; i < gold.length; i++) {
    const aRight = predA[i] === gold[i];
    const bRight = predB[i] === gold[i];
    if (aRight && !bRight) b++;
    else if (!aRight && bRight) c++;
  }
  return { b, c, pValue: mcnemarExact(b, c) };
}

/** Two systems' predictions on the same examples. */
export interface PairedPredictions {
  readonly a: readonly number[];
  readonly b: readonly number[];
}

/** Gold labels 1 everywhere; system A right where `a` has 1, B where `b` has 1. */
const ones = (n: number): number[] => new Array<number>(n).fill(1);

export const examples: WorkedExamples<readonly number[], PairedPredictions> = {
  metric: (gold, pred) => mcnemarFromPredictions(gold, pred.a, pred.b).pValue,
  cases: [
    { gold: ones(5), pred: { a: [0, 0, 0, 0, 0], b: [1, 1, 1, 1, 1] }, expected: 0.0625, why: "b 0, c 5: 2·(1/2)^5" },
    { gold: ones(6), pred: { a: [1, 0, 0, 0, 0, 0], b: [0, 1, 1, 1, 1, 1] }, expected: 0.21875, why: "b 1, c 5: 2·(1 + 6)/64" },
    { gold: ones(6), pred: { a: [0, 1, 1, 1, 1, 1], b: [1, 0, 0, 0, 0, 0] }, expected: 0.21875, why: "b 5, c 1: symmetric in b and c" },
    { gold: ones(8), pred: { a: [1, 1, 1, 1, 0, 0, 0, 0], b: [0, 0, 0, 0, 1, 1, 1, 1] }, expected: 1, why: "b 4, c 4: P(X ≤ 4) > 1/2, so p = 1" },
    { gold: [0, 1, 2], pred: { a: [0, 1, 0], b: [0, 1, 1] }, expected: 1, why: "b 0, c 0: no discordant pairs (both wrong on the last)" },
    {
      gold: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0],
      pred: { a: [0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0], b: [1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0] },
      expected: 0.109375,
      why: "b 2, c 8 among 12 (2 agree and are right): 2·(1 + 10 + 45)/1024",
    },
  ],
};

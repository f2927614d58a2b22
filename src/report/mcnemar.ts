/** McNemar's exact test on two systems' predictions (the test itself: ../metrics/mcnemar.ts). */
import { mcnemarExact } from "../metrics/mcnemar.js";

export { examples, mcnemarExact } from "../metrics/mcnemar.js";

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

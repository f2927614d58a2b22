import { checkPaired, type WorkedExamples } from "./input.js";

/**
 * Matthews correlation coefficient (MCC), multiclass form (Gorodkin's R_K), as
 * scikit-learn 1.2.1's `matthews_corrcoef(gold, pred)`. With the confusion
 * matrix C (rows gold, columns pred), t_k / p_k the gold / predicted counts of
 * class k, c = trace(C) and s = n:
 *
 *   MCC = (c·s − Σ t_k·p_k) / sqrt((s² − Σ p_k²) · (s² − Σ t_k²))
 *
 * Range [−1, 1]: 1 is perfect, 0 no better than chance, −1 total disagreement.
 * Returns 0 when the denominator is 0 (all gold or all predictions one class), as
 * scikit-learn does. Labels may be any numbers; only equality matters. Every
 * intermediate is an integer held in a double exactly as scikit-learn's float64
 * arrays hold it, so the result is the same to the last bit.
 *
 * Worked examples: `examples` below, each with its hand computation; the test suite runs them
 * (test/metrics/examples.test.ts).
 *
 * @throws RangeError when the inputs are empty or differ in length.
 */
export function matthews(gold: ArrayLike<number>, pred: ArrayLike<number>): number {
  const n = checkPaired("matthews", gold, pred);
  const classOf = new Map<number, number>();
  const classIndex = (label: number): number => {
    let k = classOf.get(label);
    if (k === undefined) {
      k = classOf.size;
      classOf.set(label, k);
    }
    return k;
  };
  const goldIdx = new Uint32Array(n);
  const predIdx = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    goldIdx[i] = classIndex(gold[i] as number);
    predIdx[i] = classIndex(pred[i] as number);
  }
  const t = new Float64Array(classOf.size);
  const p = new Float64Array(classOf.size);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const g = goldIdx[i] as number;
    const q = predIdx[i] as number;
    t[g] = (t[g] as number) + 1;
    p[q] = (p[q] as number) + 1;
    if (g === q) correct++;
  }
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let k = 0; k < t.length; k++) {
    const tk = t[k] as number;
    const pk = p[k] as number;
    tp += tk * pk;
    pp += pk * pk;
    tt += tk * tk;
  }
  const covYtYp = correct * n - tp;
  const covYpYp = n * n - pp;
  const covYtYt = n * n - tt;
  // The product can exceed 2^53 for n ≳ 10^4; scikit-learn forms the same rounded product.
  const denom = covYtYt * covYpYp;
  return denom === 0 ? 0 : covYtYp / Math.sqrt(denom);
}

export const examples: WorkedExamples = {
  metric: matthews,
  cases: [
    { gold: [1, 1, 1, 0, 0], pred: [1, 1, 0, 0, 1], expected: 1 / 6, why: "tp 2, tn 1, fp 1, fn 1: (2·1 − 1·1)/sqrt(3·3·2·2)" },
    { gold: [0, 1, 0, 1], pred: [0, 1, 0, 1], expected: 1, why: "perfect agreement" },
    { gold: [0, 1, 0, 1], pred: [1, 0, 1, 0], expected: -1, why: "perfect disagreement" },
    { gold: [0, 1, 0, 1], pred: [1, 1, 1, 1], expected: 0, why: "one predicted class: denominator 0, so 0" },
    { gold: [0, 1, 2, 0, 1, 2], pred: [0, 1, 2, 1, 2, 0], expected: 0.25, why: "c 3, s 6, t = p = (2, 2, 2): (3·6 − 12)/sqrt((36 − 12)·(36 − 12))" },
  ],
};

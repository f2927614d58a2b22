/**
 * The label-order check. A checkpoint whose label names are wrong, or generic and in another
 * order, still gets a number: near chance, or inverted (transformers #10386: MNLI models at
 * about 7% until their labels were aligned). After a classification run with gold labels,
 * every assignment of the model's outputs to the task's labels is scored from the predictions
 * already made; when one beats the assignment used by a wide margin, a warning names it and the
 * `--label-map` that applies it. The reported numbers never change.
 */
import { mcnemarExact } from "../../metrics/mcnemar.js";
import type { LabelMapping, TaskLabel } from "../../model/labels.js";

/** A wide margin: at least this many points of accuracy more, and McNemar's exact p below this. */
export const LABEL_ORDER_MARGIN = { points: 10, pValue: 1e-3 } as const;

/** Tasks the check leaves out, and why. */
export const LABEL_ORDER_SKIPPED: Readonly<Record<string, string>> = {
  wnli: "WNLI's dev set is adversarial: its sentences recur in train with the opposite label, so a model that fits train scores below chance on dev and the swapped order would always look better",
};

export interface LabelOrderFinding {
  n: number;
  /** Model output index -> task label index: the mapping used, and the better one. */
  used: readonly number[];
  better: readonly number[];
  usedCorrect: number;
  betterCorrect: number;
  /** McNemar's discordant counts: right under the used mapping only (b), under the better one only (c). */
  b: number;
  c: number;
  pValue: number;
}

/** Every ordering of 0..k-1, in lexicographic order. */
export function permutations(k: number): number[][] {
  if (k <= 1) return [Array.from({ length: k }, (_, i) => i)];
  const rests = permutations(k - 1);
  return Array.from({ length: k }, (_, first) => first).flatMap((first) => rests.map((rest) => [first, ...rest.map((r) => (r >= first ? r + 1 : r))]));
}

/**
 * The mapping that scores best, when it beats `used` by the margin; else null.
 * `pred` are task label indices under `used` (a bijection), so the model's output for example i
 * is used⁻¹(pred[i]); each other mapping is scored from the (output, gold) counts.
 */
export function findBetterLabelOrder(gold: ArrayLike<number>, pred: ArrayLike<number>, used: readonly number[]): LabelOrderFinding | null {
  const k = used.length;
  const n = gold.length;
  if (n === 0 || pred.length !== n || k < 2) return null;
  const outputOf = new Array<number>(k);
  used.forEach((task, output) => {
    outputOf[task] = output;
  });
  // counts[output][gold]
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) {
    const row = counts[outputOf[pred[i] as number] as number];
    const g = gold[i] as number;
    if (row !== undefined && g >= 0 && g < k) row[g] = (row[g] as number) + 1;
  }
  const correct = (mapping: readonly number[]): number => mapping.reduce((sum, task, output) => sum + (counts[output]?.[task] ?? 0), 0);
  const usedCorrect = correct(used);
  let better: number[] | null = null;
  let betterCorrect = -1;
  for (const mapping of permutations(k)) {
    const score = correct(mapping);
    if (score > betterCorrect && mapping.some((t, o) => t !== used[o])) {
      better = mapping;
      betterCorrect = score;
    }
  }
  if (better === null || (betterCorrect - usedCorrect) * 100 < LABEL_ORDER_MARGIN.points * n) return null;
  let b = 0;
  let c = 0;
  better.forEach((task, output) => {
    const usedTask = used[output] as number;
    if (task === usedTask) return;
    b += counts[output]?.[usedTask] ?? 0;
    c += counts[output]?.[task] ?? 0;
  });
  const pValue = mcnemarExact(b, c);
  if (!(pValue < LABEL_ORDER_MARGIN.pValue)) return null;
  return { n, used, better, usedCorrect, betterCorrect, b, c, pValue };
}

const SOURCE: Record<LabelMapping["source"], string> = {
  names: "from config.json id2label",
  generic: "the dataset order, as the model's labels are generic",
  override: "from --label-map",
};

// Accuracy in points with two decimals, as the details and the report show it.
const percent = (count: number, n: number): string => `${((100 * count) / n).toFixed(2)}%`;

export function labelOrderWarning(task: string, labels: readonly TaskLabel[], source: LabelMapping["source"], f: LabelOrderFinding): string {
  const names = (mapping: readonly number[]): string => mapping.map((t) => labels[t]?.name ?? String(t)).join(",");
  const p = f.pValue === 0 ? "p < 1e-300" : `p = ${f.pValue.toExponential(1)}`;
  return (
    `${task}: the labels look out of order: mapped as ${names(f.better)} (model output 0 first), the model's outputs score ${percent(f.betterCorrect, f.n)} accuracy, ` +
    `against ${percent(f.usedCorrect, f.n)} with the mapping used (${names(f.used)}, ${SOURCE[source]}); McNemar ${p} on ${f.n} examples. ` +
    `The reported numbers keep the mapping used; if the model's labels are wrong, rerun with --label-map ${names(f.better)}`
  );
}

/** The check for one run: no warning, or one. WNLI is left out (see LABEL_ORDER_SKIPPED). */
export function checkLabelOrder(
  task: string,
  labels: readonly TaskLabel[],
  mapping: Pick<LabelMapping, "modelToTask" | "source">,
  gold: ArrayLike<number>,
  pred: ArrayLike<number>,
): string[] {
  if (Object.hasOwn(LABEL_ORDER_SKIPPED, task)) return [];
  const finding = findBetterLabelOrder(gold, pred, mapping.modelToTask);
  return finding === null ? [] : [labelOrderWarning(task, labels, mapping.source, finding)];
}

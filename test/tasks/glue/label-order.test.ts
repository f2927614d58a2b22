/** The label-order check on hand-built predictions: which mapping wins, the margin, WNLI, the warning text. */
import { describe, expect, it } from "vitest";
import type { LabelMapping } from "../../../src/model/labels.js";
import { named } from "../../../src/tasks/catalogue/glue.js";
import { checkLabelOrder, findBetterLabelOrder, LABEL_ORDER_MARGIN, LABEL_ORDER_SKIPPED, permutations } from "../../../src/tasks/glue/label-order.js";

/** n examples with gold labels cycling 0..k-1; the first `right` are predicted right, the rest as the next label. */
function run(n: number, k: number, right: number): { gold: number[]; pred: number[] } {
  const gold = Array.from({ length: n }, (_, i) => i % k);
  const pred = gold.map((g, i) => (i < right ? g : (g + 1) % k));
  return { gold, pred };
}

const mapping = (modelToTask: number[], source: LabelMapping["source"] = "names"): LabelMapping => ({ modelToTask, source, warnings: [] });
const nli = named("entailment", "neutral", "contradiction");

describe("permutations", () => {
  it("lists every order once, lexicographically", () => {
    expect(permutations(2)).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(permutations(3).map((p) => p.join(""))).toEqual(["012", "021", "102", "120", "201", "210"]);
  });
});

describe("findBetterLabelOrder", () => {
  it("finds the rotation that undoes a rotated mapping", () => {
    // The model is right on 900 of 1000, but its outputs were mapped one label on; its
    // 100 errors are one label back, so the mapping used gets exactly those right.
    const gold = Array.from({ length: 1000 }, (_, i) => i % 3);
    const output = gold.map((g, i) => (i < 900 ? g : (g + 2) % 3));
    const used = [1, 2, 0];
    const pred = output.map((o) => used[o] as number);
    const finding = findBetterLabelOrder(gold, pred, used);
    expect(finding?.better).toEqual([0, 1, 2]);
    expect(finding?.betterCorrect).toBe(900);
    expect(finding?.usedCorrect).toBe(100);
    expect(finding?.b).toBe(100);
    expect(finding?.c).toBe(900);
    expect(finding?.pValue).toBeLessThan(1e-100);
  });

  it("says nothing when the mapping used is the best", () => {
    const { gold, pred } = run(1000, 2, 900);
    expect(findBetterLabelOrder(gold, pred, [0, 1])).toBeNull();
  });

  it("does not cry wolf near chance (RTE-like: 52.7% vs 47.3%)", () => {
    const { gold, pred } = run(277, 2, 146);
    expect(findBetterLabelOrder(gold, pred, [0, 1])).toBeNull();
    // Swapped, the other order is only 5.4 points better: still no warning.
    expect(findBetterLabelOrder(gold, pred, [1, 0])).toBeNull();
  });

  it.each([
    ["exactly 10 points better, p tiny", 10_000, 4_500, true],
    ["9.9 points better, p tiny", 10_000, 4_505, false],
    ["40 points better on 20 examples (p 0.12)", 20, 6, false],
    ["60 points better on 30 examples (p 1.4e-3)", 30, 6, false],
    ["66.7 points better on 30 examples (p 3.2e-4)", 30, 5, true],
  ] as const)("margin: %s", (_title, n, right, warns) => {
    // Under the swapped mapping the used accuracy is right/n and the other order's 1 - right/n.
    const { gold, pred } = run(n, 2, right);
    const finding = findBetterLabelOrder(gold, pred, [0, 1]);
    expect(finding !== null).toBe(warns);
    if (finding !== null) {
      expect((finding.betterCorrect - finding.usedCorrect) / n).toBeGreaterThanOrEqual(LABEL_ORDER_MARGIN.points / 100);
      expect(finding.pValue).toBeLessThan(LABEL_ORDER_MARGIN.pValue);
    }
  });
});

describe("checkLabelOrder", () => {
  it("names the better order and the --label-map that applies it", () => {
    const gold = Array.from({ length: 300 }, (_, i) => i % 3);
    const used = [2, 0, 1];
    const pred = gold.map((g) => used[g] as number);
    const [warning, ...rest] = checkLabelOrder("mnli", nli, mapping(used), gold, pred);
    expect(rest).toEqual([]);
    expect(warning).toBe(
      "mnli: the labels look out of order: mapped as entailment,neutral,contradiction (model output 0 first), the model's outputs score 100.00% accuracy, " +
        "against 0.00% with the mapping used (contradiction,entailment,neutral, from config.json id2label); McNemar p = 9.8e-91 on 300 examples. " +
        "The reported numbers keep the mapping used; if the model's labels are wrong, rerun with --label-map entailment,neutral,contradiction",
    );
  });

  it("says where a generic mapping came from", () => {
    const { gold, pred } = run(400, 2, 40);
    const [warning] = checkLabelOrder("mrpc", named("not_equivalent", "equivalent"), mapping([0, 1], "generic"), gold, pred);
    expect(warning).toContain("(not_equivalent,equivalent, the dataset order, as the model's labels are generic)");
    expect(warning).toMatch(/--label-map equivalent,not_equivalent$/);
  });

  it("leaves WNLI out: its adversarial dev set makes a swapped order look better", () => {
    // The tiny WNLI fixture: 7 of 71 right (9.9%); swapped it would score 90.1%.
    const { gold, pred } = run(71, 2, 7);
    const labels = named("not_entailment", "entailment");
    expect(findBetterLabelOrder(gold, pred, [0, 1])).not.toBeNull();
    expect(checkLabelOrder("wnli", labels, mapping([0, 1]), gold, pred)).toEqual([]);
    expect(checkLabelOrder("rte", labels, mapping([0, 1]), gold, pred)).toHaveLength(1);
    expect(Object.keys(LABEL_ORDER_SKIPPED)).toEqual(["wnli"]);
  });
});

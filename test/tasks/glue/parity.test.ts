/**
 * Parity with the Python reference (run_glue.py way, scikit-learn / SciPy metrics) on every
 * GLUE fixture model, whole dev sets, through the real CLI.
 * Tolerances (../shared/fixtures/README.md): fp32 — identical predictions except where the
 * top two logits are within 1e-5, metrics to 1e-6; int8 — the reference batched in file
 * order and dynamic quantization depends on the batch, so ≥98% identical predictions and
 * metrics within 1 point (0.01).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/dispatch.js";
import type { PredictionLine, TaskResult } from "../../../src/results.js";
import { hasShared, sharedPath } from "../../shared.js";

interface RefSplit {
  n: number;
  metrics: Record<string, number>;
  logits: number[][];
  predictions: number[];
}
interface Ref {
  task: string;
  dataset_labels: string[] | null;
  splits: Record<string, RefSplit>;
}

const GLUE_VALUES: Record<string, string[]> = {
  mnli: ["entailment", "neutral", "contradiction"],
  qnli: ["entailment", "not_entailment"],
  rte: ["entailment", "not_entailment"],
};

function cases(): Array<{ title: string; model: string; task: string; split: string; dtype: "fp32" | "q8" }> {
  if (!hasShared) return [];
  const out = [];
  for (const file of readdirSync(sharedPath("fixtures", "refs"))) {
    const ref = JSON.parse(readFileSync(sharedPath("fixtures", "refs", file), "utf8")) as Ref;
    if (ref.task === "squad" || ref.task === "squad_v2") continue;
    const model = file.replace(/\.json$/, "");
    for (const split of Object.keys(ref.splits)) {
      const dtype = split.endsWith(":quantized") ? "q8" : "fp32";
      const base = split.replace(/:quantized$/, "");
      const task = base === "dev_mismatched" ? "mnli-mm" : ref.task;
      out.push({ title: `${model} ${task} ${dtype}`, model, task, split, dtype } as const);
    }
  }
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-parity-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!hasShared)("GLUE parity with the Python reference", () => {
  it.each(cases())("$title", async ({ model, task, split, dtype }) => {
    const ref = JSON.parse(readFileSync(sharedPath("fixtures", "refs", `${model}.json`), "utf8")) as Ref;
    const expected = ref.splits[split] as RefSplit;
    const out = join(tmp, `${model}-${task}-${dtype}`);
    const code = await runCli(["--task", task, "--model", sharedPath("fixtures", "models", model), "--dtype", dtype, "--data-dir", sharedPath("data"), "--output-dir", out, "--no-progress", "--no-cache", "--json"]);
    expect(code).toBe(0);
    expect(existsSync(join(out, `${task}.json`))).toBe(true);
    const result = JSON.parse(readFileSync(join(out, `${task}.json`), "utf8")) as TaskResult;
    const lines = readFileSync(join(out, `${task}.predictions.jsonl`), "utf8").trim().split("\n").map((l) => JSON.parse(l) as PredictionLine);
    expect(result.n).toBe(expected.n);
    expect(lines).toHaveLength(expected.n);

    const values = GLUE_VALUES[ref.task] ?? ["0", "1"];
    let same = 0;
    let nearTies = 0;
    lines.forEach((line, i) => {
      const refLogits = expected.logits[i] as number[];
      if (ref.dataset_labels === null) {
        same += Math.abs((line.prediction as number) - (refLogits[0] as number)) < 1e-5 ? 1 : 0;
        return;
      }
      const refPred = values[expected.predictions[i] as number];
      if (line.prediction === refPred) same += 1;
      else {
        const sorted = [...refLogits].sort((a, b) => b - a);
        if ((sorted[0] as number) - (sorted[1] as number) < 1e-5) nearTies += 1;
      }
    });
    const rate = same / expected.n;
    console.log(`${model} ${task} ${dtype}: identical predictions ${(rate * 100).toFixed(3)}% (${expected.n - same} differ, ${nearTies} near ties); ours ${JSON.stringify(result.metrics)} ref ${JSON.stringify(expected.metrics)}`);
    if (dtype === "fp32") {
      expect(same + nearTies).toBe(expected.n);
      for (const [key, value] of Object.entries(expected.metrics)) expect(Math.abs((result.metrics[key] as number) - value)).toBeLessThanOrEqual(1e-6);
    } else {
      expect(rate).toBeGreaterThanOrEqual(0.98);
      for (const [key, value] of Object.entries(expected.metrics)) expect(Math.abs((result.metrics[key] as number) - value)).toBeLessThanOrEqual(0.01);
    }
  });
});

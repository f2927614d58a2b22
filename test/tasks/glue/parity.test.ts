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
import type { PredictionLine, TaskResult } from "../../../src/results/schema.js";
import { expectReferenceParity, type Ref } from "../../factories/glue-ref.js";
import { hasShared, sharedPath } from "../../shared.js";

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
    const out = join(tmp, `${model}-${task}-${dtype}`);
    const code = await runCli([
      "--task",
      task,
      "--model",
      sharedPath("fixtures", "models", model),
      "--dtype",
      dtype,
      "--data-dir",
      sharedPath("data"),
      "--output-dir",
      out,
      "--no-progress",
      "--no-cache",
      "--json",
    ]);
    expect(code).toBe(0);
    expect(existsSync(join(out, `${task}.json`))).toBe(true);
    const result = JSON.parse(readFileSync(join(out, `${task}.json`), "utf8")) as TaskResult;
    const lines = readFileSync(join(out, `${task}.predictions.jsonl`), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as PredictionLine);
    // The label-order check must not cry wolf on any fixture (WNLI is exempt by design).
    expect(result.warnings.filter((w) => w.includes("labels look out of order"))).toEqual([]);
    expectReferenceParity(`${model} ${task} ${dtype}`, ref, split, dtype, result, lines);
  });
});

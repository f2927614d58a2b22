/**
 * The label-order check on real models: copies whose labels are out of order warn (on stderr, in
 * the results and in the report) and name the order that fixes them; the reference fixtures
 * themselves never warn (the parity suite checks the same on its CLI runs).
 */
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mapLabels } from "../../../src/model/labels.js";
import type { PredictionLine, TaskResult } from "../../../src/results/schema.js";
import { glueDefinitions } from "../../../src/tasks/catalogue/index.js";
import { checkLabelOrder, findBetterLabelOrder } from "../../../src/tasks/glue/label-order.js";
import { readGlueSplit } from "../../../src/tasks/glue/read.js";
import { argmax } from "../../../src/tasks/glue/task.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL, EXAMPLE_REF } from "../../examples.js";
import { runCaptured } from "../../factories/cli.js";
import { permuteHeadRows } from "../../factories/onnx-rows.js";
import { hasShared, sharedPath } from "../../shared.js";

const OUT_OF_ORDER = "labels look out of order";
const tmp = mkdtempSync(join(tmpdir(), "glue-eval-label-order-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Makes a copied tree writable: the reference files are read-only, and so are their copies. */
function writable(path: string): void {
  const isDir = statSync(path).isDirectory();
  chmodSync(path, isDir ? 0o755 : 0o644);
  if (isDir) for (const entry of readdirSync(path)) writable(join(path, entry));
}

/** A writable copy of a fixture model folder. */
function modelCopy(name: string, source = sharedPath("fixtures", "models", name)): string {
  const dir = join(tmp, name);
  cpSync(source, dir, { recursive: true });
  writable(dir);
  return dir;
}

/** Rewrites config.json's id2label (and label2id) to the names given, in output order. */
function relabel(dir: string, names: readonly string[]): void {
  const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as Record<string, unknown>;
  config.id2label = Object.fromEntries(names.map((name, i) => [String(i), name]));
  config.label2id = Object.fromEntries(names.map((name, i) => [name, i]));
  writeFileSync(join(dir, "config.json"), JSON.stringify(config, null, 2));
}

async function evaluate(
  task: string,
  model: string,
  out: string,
  extra: string[] = [],
  dataDir = sharedPath("data"),
): Promise<{ result: TaskResult; lines: PredictionLine[]; stderr: string }> {
  const args = ["--task", task, "--model", model, "--data-dir", dataDir, "--output-dir", join(tmp, out), "--cache-dir", join(tmp, "cache"), "--no-progress"];
  const run = await runCaptured([...args, ...extra]);
  expect(run.code, run.stderr).toBe(0);
  const result = JSON.parse(readFileSync(join(tmp, out, `${task}.json`), "utf8")) as TaskResult;
  const lines = readFileSync(join(tmp, out, `${task}.predictions.jsonl`), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as PredictionLine);
  return { result, lines, stderr: run.stderr };
}

const refMetrics = (model: string, split: string): Record<string, number> =>
  (JSON.parse(readFileSync(sharedPath("fixtures", "refs", `${model}.json`), "utf8")) as { splits: Record<string, { metrics: Record<string, number> }> }).splits[
    split
  ]?.metrics ?? {};

const accuracyOf = (lines: readonly PredictionLine[]): number => lines.filter((l) => l.prediction === l.label).length / lines.length;

/** The one label-order warning of a run, and the --label-map it proposes. */
function proposal(result: TaskResult, stderr: string): string {
  const found = result.warnings.filter((w) => w.includes(OUT_OF_ORDER));
  expect(found).toHaveLength(1);
  const warning = found[0] as string;
  expect(stderr).toContain(`glue-eval: warning: ${warning}`);
  const match = / --label-map (\S+)$/.exec(warning);
  expect(match).not.toBeNull();
  return match?.[1] ?? "";
}

describe("the label-order check on the embedded SST-2 model with its labels swapped", () => {
  it("warns on stderr, in the results and in the report; the order it names gives the reference accuracy", async () => {
    const dir = modelCopy("bert-tiny-sst2-swapped", EXAMPLE_MODEL);
    relabel(dir, ["positive", "negative"]);
    const report = join(tmp, "sst2-swapped.md");
    const wrong = await evaluate("sst2", dir, "sst2-swapped", ["--report", report], EXAMPLE_DATA);
    expect(proposal(wrong.result, wrong.stderr)).toBe("negative,positive");
    const warning = wrong.result.warnings.find((w) => w.includes(OUT_OF_ORDER)) ?? "";
    const markdown = readFileSync(report, "utf8");
    expect(markdown).toContain(`### Warnings\n\n- SST-2: ${warning}\n`);
    expect(markdown).toContain("| SST-2 | dev | 872 | accuracy | 22.13 |");

    const fixed = await evaluate("sst2", dir, "sst2-fixed", ["--label-map", "negative,positive"], EXAMPLE_DATA);
    expect(fixed.result.warnings).toEqual([]);
    const ref = JSON.parse(readFileSync(EXAMPLE_REF, "utf8")) as { splits: Record<string, { metrics: Record<string, number> }> };
    expect(fixed.result.metrics.accuracy).toBe(ref.splits.dev?.metrics.accuracy);
  });
});

describe.skipIf(!hasShared)("the label-order check on out-of-order copies of the fixtures", () => {
  it("MNLI with its id2label rotated: warns, names the right order, and that order gives the reference accuracy", async () => {
    const dir = modelCopy("bert-tiny-mnli");
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as { id2label: Record<string, string> };
    expect(Object.values(config.id2label)).toEqual(["entailment", "neutral", "contradiction"]);
    const rotated = ["neutral", "contradiction", "entailment"];
    relabel(dir, rotated);

    const wrong = await evaluate("mnli", dir, "mnli-rotated");
    const labelMap = proposal(wrong.result, wrong.stderr);
    expect(labelMap).toBe("entailment,neutral,contradiction");
    console.log(wrong.result.warnings.find((w) => w.includes(OUT_OF_ORDER)));
    // The reported numbers are those of the mapping used, not of the better one.
    expect(wrong.result.model.labelMapping).toEqual(rotated);
    expect(wrong.result.metrics.accuracy).toBe(accuracyOf(wrong.lines));
    expect(wrong.result.metrics.accuracy).toBeLessThan(0.2);

    const fixed = await evaluate("mnli", dir, "mnli-fixed", ["--label-map", labelMap]);
    expect(fixed.result.warnings.filter((w) => w.includes(OUT_OF_ORDER))).toEqual([]);
    expect(Math.abs((fixed.result.metrics.accuracy ?? 0) - (refMetrics("bert-tiny-mnli", "dev_matched").accuracy ?? 1))).toBeLessThanOrEqual(1e-6);
  });

  it("MRPC (generic labels) with the graph's two logits swapped: warns and names the right order", async () => {
    const dir = modelCopy("bert-tiny-mrpc");
    const onnx = join(dir, "model.onnx");
    writeFileSync(onnx, permuteHeadRows(readFileSync(onnx), [1, 0]));

    const wrong = await evaluate("mrpc", dir, "mrpc-swapped");
    expect(wrong.result.model.labelMappingSource).toBe("generic");
    const labelMap = proposal(wrong.result, wrong.stderr);
    expect(labelMap).toBe("equivalent,not_equivalent");
    const ref = refMetrics("bert-tiny-mrpc", "dev");
    // Every prediction flips, so the accuracy reported is the complement of the reference's.
    expect(Math.abs((wrong.result.metrics.accuracy ?? 0) - (1 - (ref.accuracy ?? 0)))).toBeLessThanOrEqual(1e-6);

    const fixed = await evaluate("mrpc", dir, "mrpc-fixed", ["--label-map", labelMap]);
    expect(fixed.result.warnings.filter((w) => w.includes(OUT_OF_ORDER))).toEqual([]);
    for (const key of ["accuracy", "f1"]) expect(Math.abs((fixed.result.metrics[key] ?? 0) - (ref[key] ?? 1))).toBeLessThanOrEqual(1e-6);
  });
});

interface RefFile {
  task: string;
  label_order_of_model: string[] | null;
  dataset_labels: string[] | null;
  splits: Record<string, { logits: number[][]; predictions: number[] }>;
}

function classificationRefs(): Array<{ title: string; file: string; split: string }> {
  if (!hasShared) return [];
  const dirs = [sharedPath("fixtures", "refs"), sharedPath("fixtures", "lowprec", "refs")];
  return dirs.flatMap((dir) =>
    readdirSync(dir).flatMap((name) => {
      const file = join(dir, name);
      const ref = JSON.parse(readFileSync(file, "utf8")) as RefFile;
      if ((ref.dataset_labels?.length ?? 0) < 2 || ref.task.startsWith("squad")) return [];
      return Object.keys(ref.splits).map((split) => ({ title: `${name} ${split}`, file, split }));
    }),
  );
}

describe.skipIf(!hasShared)("no shared classification fixture warns (from its reference logits)", () => {
  it.each(classificationRefs())("$title", async ({ file, split }) => {
    const ref = JSON.parse(readFileSync(file, "utf8")) as RefFile;
    const task = split.startsWith("dev_mismatched") ? "mnli-mm" : ref.task;
    const def = glueDefinitions.find((d) => d.name === task);
    if (def === undefined || def.labels === null) throw new Error(`no GLUE classification task ${task}`);
    const { examples } = await readGlueSplit(def, def.dev, sharedPath("data"), null);
    const gold = examples.map((ex) => ex.label ?? -1);
    const { logits, predictions } = ref.splits[split] as RefFile["splits"][string];
    const mapping = mapLabels(file, task, ref.label_order_of_model, def.labels.length, def.labels, null);
    const pred = logits.map((row) => mapping.modelToTask[argmax(row)] as number);
    expect(pred).toEqual(predictions);
    const warnings = checkLabelOrder(task, def.labels, mapping, gold, pred);
    expect(warnings).toEqual([]);
    // WNLI would warn without its exemption (9.9% against 90.1% swapped).
    expect(findBetterLabelOrder(gold, pred, mapping.modelToTask) !== null).toBe(task === "wnli");
  });
});

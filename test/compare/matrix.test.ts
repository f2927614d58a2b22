/**
 * The precision matrix: each run against the baseline with the pairwise comparison's statistics
 * (paired bootstrap, McNemar, agreement), the inference speed ratio and the model size; the
 * terminal and markdown renderings; the CLI (`compare <baseline> <runs…>`, `report`).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMatrix, precisionGroups, speedOf } from "../../src/compare/matrix.js";
import { compareTask } from "../../src/compare/paired-task.js";
import { loadRuns, loadSingleRun } from "../../src/results/read.js";
import { renderMatrix, renderMatrixMarkdown } from "../../src/report/render/matrix.js";
import { mcnemarExact } from "../../src/metrics/mcnemar.js";
import type { PrecisionMatrix } from "../../src/report/report-data.js";
import { runCaptured } from "../factories/cli.js";
import { expectGolden } from "../factories/golden.js";
import { type BuiltTask, flipAt, glueTask, randomLabels, writeRun } from "../factories/results.js";

const BIN = ["0", "1"];
const gold = randomLabels(30, BIN, 42);
const basePred = flipAt(gold, [1, 2, 3], BIN);
const q8Pred = flipAt(gold, [3, 4, 5, 6, 7, 8, 9], BIN);
const PATH = "models/m";

function sst2(dtype: "fp32" | "fp16" | "q8" | "q4", pred: string[], inferSeconds: number, cachedBatches = 0): BuiltTask {
  const name = dtype === "fp32" ? "m" : `m-${dtype}`;
  const built = glueTask({ task: "sst2", model: { name, dtype, path: PATH }, gold, pred });
  built.result.timing = { ...built.result.timing, inferSeconds, cachedBatches };
  return built;
}

let root = "";
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "glue-eval-matrix-"));
  await writeRun(join(root, "m"), [sst2("fp32", basePred, 3)]);
  await writeRun(join(root, "m-fp16"), [sst2("fp16", basePred, 6)]);
  await writeRun(join(root, "m-q8"), [sst2("q8", q8Pred, 1)]);
  await writeRun(join(root, "m-q4"), [sst2("q4", basePred, 2, 1)]);
  await writeRun(join(root, "other"), [glueTask({ task: "sst2", model: { name: "other" }, gold, pred: basePred })]);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function matrix(): Promise<PrecisionMatrix> {
  const runs = await loadRuns([root]);
  const baseline = await loadSingleRun(join(root, "m"), "baseline");
  return buildMatrix(
    baseline,
    runs.filter((r) => r.name.startsWith("m-")),
  );
}

describe("buildMatrix", () => {
  it("has one row per run, baseline first, runs in dtype order", async () => {
    const m = await matrix();
    expect(m.schema).toBe("glue-eval/compare-matrix@1");
    expect(m.tasks.map((t) => t.task)).toEqual(["sst2"]);
    const rows = m.tasks[0]?.rows ?? [];
    expect(rows.map((r) => [r.model.label, r.model.dtype, r.baseline])).toEqual([
      ["m", "fp32", true],
      ["m-fp16", "fp16", false],
      ["m-q8", "q8", false],
      ["m-q4", "q4", false],
    ]);
  });

  it("takes each run's statistics from the pairwise comparison with the baseline", async () => {
    const rows = (await matrix()).tasks[0]?.rows ?? [];
    const [base, fp16, q8] = rows;
    const side = (label: string, built: BuiltTask) => ({ label, dir: label, result: built.result, predictions: built.predictions, predictionsFile: label });
    const pairwise = compareTask(side("a", sst2("fp32", basePred, 3)), side("b", sst2("q8", q8Pred, 1)), 0);
    expect(q8?.metrics).toEqual(pairwise.metrics);
    // A wrong at 1, 2, 3; q8 wrong at 3..9: b = 6, c = 2; 8 of 30 predictions differ.
    expect(q8?.mcnemar).toEqual({ b: 6, c: 2, pValue: mcnemarExact(6, 2) });
    expect(q8?.agreement).toBeCloseTo(22 / 30, 12);
    expect(fp16).toMatchObject({ agreement: 1, differing: 0, mcnemar: { b: 0, c: 0, pValue: 1 } });
    expect(fp16?.metrics[0]).toMatchObject({ diff: 0, low: 0, high: 0 });
    expect(base?.metrics[0]).toMatchObject({ key: "accuracy", b: 27 / 30, diff: 0 });
  });

  it("gives the inference speed ratio, none where outputs came from the cache, and the size", async () => {
    const rows = (await matrix()).tasks[0]?.rows ?? [];
    const ratios = rows.map((r) => r.speedRatio);
    expect(ratios[0]).toBe(1);
    expect(ratios[1]).toBeCloseTo(0.5, 12);
    expect(ratios[2]).toBeCloseTo(3, 12);
    expect(ratios[3]).toBeNull();
    expect(rows[3]?.cached).toBe(true);
    expect(rows.map((r) => r.speedNote)).toEqual([null, null, null, "cached"]);
    expect(rows.map((r) => r.model.bytes)).toEqual([4_122_988, 2_083_423, 1_101_853, 4_041_777]);
    expect(rows[2]?.model.precision).toMatchObject({ weights: "dynamic-int8" });
  });

  it("groups the runs that are one model in several precisions, baseline fp32", async () => {
    const groups = precisionGroups(await loadRuns([root]));
    expect(groups).toHaveLength(1);
    expect(groups[0]?.baseline.name).toBe("m");
    expect(groups[0]?.others.map((r) => r.name).sort()).toEqual(["m-fp16", "m-q4", "m-q8"]);
  });

  it("renders as text and as markdown with a chart", async () => {
    const m = await matrix();
    // Fixed interval numbers: the goldens check the layout, not the resampling.
    const q8 = m.tasks[0]?.rows[2];
    if (q8 !== undefined) q8.metrics = [{ ...(q8.metrics[0] as (typeof q8.metrics)[number]), low: -0.3, high: 0.0667, pValue: 0.25 }];
    const fixedDirs = {
      ...m,
      tasks: m.tasks.map((t) => ({ ...t, rows: t.rows.map((r) => ({ ...r, model: { ...r.model, dir: `results/${r.model.label}` } })) })),
    };
    expectGolden("matrix.txt", renderMatrix(fixedDirs));
    const md = renderMatrixMarkdown(fixedDirs);
    expect(md).toContain("```mermaid");
    expectGolden("matrix.md", md);
  });
});

describe("speed only from computed outputs, each timed for at least 1 s", () => {
  const side = (dtype: "fp32" | "q8", seconds: number, cachedBatches = 0) => sst2(dtype, basePred, seconds, cachedBatches).result;

  // Was: once the baseline was cached, every row said "cached", the rows computed in their run included.
  it.each([
    ["both computed, over the floor", side("fp32", 3), side("q8", 1.5), 2, null],
    ["this run cached", side("fp32", 3), side("q8", 1.5, 1), null, "cached"],
    ["the baseline cached, this run computed", side("fp32", 3, 1), side("q8", 1.5), null, "baseline cached"],
    ["this run under 1 s of inference", side("fp32", 3), side("q8", 0.1), null, "below timing floor"],
    ["the baseline under 1 s of inference", side("fp32", 0.3), side("q8", 1.5), null, "below timing floor"],
  ] as const)("%s", (_title, base, run, ratio, note) => {
    expect(speedOf(base, run)).toEqual({ ratio, note });
  });

  it("says in the cell how to measure a cached side, and marks a side below the floor", async () => {
    const dir = await mkdtemp(join(tmpdir(), "glue-eval-matrix-cached-"));
    try {
      await writeRun(join(dir, "m"), [sst2("fp32", basePred, 3, 1)]);
      await writeRun(join(dir, "m-fp16"), [sst2("fp16", basePred, 6)]);
      await writeRun(join(dir, "m-q8"), [sst2("q8", q8Pred, 1, 1)]);
      const m = await buildMatrix(
        await loadSingleRun(join(dir, "m"), "baseline"),
        (await loadRuns([dir])).filter((r) => r.name !== "m"),
      );
      const text = renderMatrix(m);
      expect(text).toMatch(/│ SST-2 │ m +│ fp32 .*│ +cached: --no-cache │/);
      expect(text).toMatch(/│ +│ m-fp16 +│ fp16 .*│ baseline cached: --no-cache │/);
      expect(text).toMatch(/│ +│ m-q8 +│ q8 .*│ +cached: --no-cache │/);
      expect(text).toContain("rerun with --no-cache to measure");
      const q8 = m.tasks[0]?.rows[2];
      if (q8 !== undefined) Object.assign(q8, { speedNote: "below timing floor" });
      expect(renderMatrix(m)).toMatch(/│ +│ m-q8 +│ q8 .*│ +< 1 s timed │/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("glue-eval compare <baseline> <runs…> and report", () => {
  it("prints the matrix, leaving the baseline out of a folder that holds it", async () => {
    const out = await runCaptured(["compare", join(root, "m"), join(root, "m-fp16"), join(root, "m-q8"), join(root, "m-q4")]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/SST-2 +│ m +│ fp32 +│ accuracy +│ +90\.00 │ +baseline/);
    const json = await runCaptured(["compare", join(root, "m"), root, "--json"]);
    const parsed = JSON.parse(json.stdout) as PrecisionMatrix;
    // Runs in dtype order, ties as found: "other" is an fp32 graph too.
    expect(parsed.tasks[0]?.rows.map((r) => r.model.label)).toEqual(["m", "other", "m-fp16", "m-q8", "m-q4"]);
    expect(parsed.tasks[0]?.rows.filter((r) => r.baseline)).toHaveLength(1);
  });

  it("adds a precision comparison to the markdown report", async () => {
    const md = join(root, "report.md");
    const out = await runCaptured(["report", root, "--out", md, "--no-paper-rows"]);
    expect(out.code, out.stderr).toBe(0);
    const text = await readFile(md, "utf8");
    expect(text).toContain("## Precision comparison");
    expect(text).toContain('title "SST-2 accuracy by precision"');
    expect(text).toMatch(/\| {2}\| m-q8 \| q8 \| accuracy \| 76\.67 \|/);
  });
});

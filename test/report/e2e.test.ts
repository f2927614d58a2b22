import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Comparison } from "../../src/compare/runs.js";
import type { ReportJson } from "../../src/report/render/json.js";
import type { PredictionLine, TaskResult } from "../../src/results/schema.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL, EXAMPLE_REF } from "../examples.js";
import { runCaptured } from "../factories/cli.js";
import { expectReferenceParity, type Ref } from "../factories/glue-ref.js";

/**
 * The embedded demo set (examples/, no ../shared needed): bert-tiny-sst2 evaluated with glue-eval
 * itself (fp32 and int8) against its Python reference run, then reported and compared.
 */
describe("report and compare on real runs", () => {
  let root = "";
  const out = (dtype: string): string => join(root, "results", `bert-tiny-sst2-${dtype}`);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "glue-eval-e2e-"));
    for (const dtype of ["fp32", "q8"]) {
      const run = await runCaptured([
        "--task",
        "sst2",
        "--model",
        EXAMPLE_MODEL,
        "--dtype",
        dtype,
        "--data-dir",
        EXAMPLE_DATA,
        "--output-dir",
        out(dtype),
        "--no-progress",
      ]);
      if (run.code !== 0) throw new Error(`glue-eval run (${dtype}) failed with ${run.code}: ${run.stderr}`);
    }
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each([
    ["fp32", "dev"],
    ["q8", "dev:quantized"],
  ] as const)("%s equals the reference run (%s)", async (dtype, split) => {
    const ref = JSON.parse(await readFile(EXAMPLE_REF, "utf8")) as Ref;
    const result = JSON.parse(await readFile(join(out(dtype), "sst2.json"), "utf8")) as TaskResult;
    const lines = (await readFile(join(out(dtype), "sst2.predictions.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as PredictionLine);
    expect(result.warnings).toEqual([]);
    expectReferenceParity(`bert-tiny-sst2 sst2 ${dtype}`, ref, split, dtype, result, lines);
  });

  it("reports both runs against the fixture's reference accuracy", async () => {
    const ref = JSON.parse(await readFile(EXAMPLE_REF, "utf8")) as Ref;
    const md = join(root, "report.md");
    const json = join(root, "report.json");
    const run = await runCaptured(["report", join(root, "results"), "--out", md, "--json", json]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(await readFile(json, "utf8")) as ReportJson;
    expect(report.runs).toHaveLength(2);
    const fp32 = report.runs.find((r) => r.tasks[0]?.provenance.dtype === "fp32")?.tasks[0];
    expect(fp32?.n).toBe(872);
    const accuracy = fp32?.metrics.accuracy;
    expect(accuracy?.value).toBeCloseTo(ref.splits.dev?.metrics.accuracy ?? Number.NaN, 6);
    expect((accuracy?.low ?? 1) < (accuracy?.value ?? 0) && (accuracy?.value ?? 1) < (accuracy?.high ?? 0)).toBe(true);
    expect(fp32?.provenance.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    const text = await readFile(md, "utf8");
    expect(text).toContain("| SST-2 | dev | 872 | accuracy |");
  });

  it("compares fp32 with int8: high agreement, McNemar on the flips", async () => {
    const run = await runCaptured(["compare", out("fp32"), out("q8"), "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const comparison = JSON.parse(run.stdout) as Comparison;
    const sst2 = comparison.tasks[0];
    expect(sst2?.task).toBe("sst2");
    expect(sst2?.n).toBe(872);
    expect(sst2?.agreement).toBeGreaterThanOrEqual(0.98);
    expect(sst2?.mcnemar).not.toBeNull();
    expect((sst2?.mcnemar?.b ?? 0) + (sst2?.mcnemar?.c ?? 0)).toBeLessThanOrEqual(sst2?.differing ?? 0);
    expect(sst2?.flips.length).toBe(Math.min(10, sst2?.differing ?? 0));
    expect(Math.abs(sst2?.metrics[0]?.diff ?? 1)).toBeLessThan(0.01);
  });
});

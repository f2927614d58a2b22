/**
 * `npm run bench -- --smoke` end to end through the compiled entry point, so the bench
 * cannot rot. Checks that the report has every mode, ratio and section; never checks timings.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLI } from "../../bench/plan.js";
import type { PrecisionSection } from "../../bench/precision/types.js";
import { mergeMissing } from "../../bench/spawn.js";
import type { ShardRow, ShardSection } from "../../bench/shards/types.js";
import type { NprocRow, NprocSection } from "../../bench/nproc/types.js";
import type { BenchReport, CaseReport } from "../../bench/types.js";
import { ROOT } from "../cli-process.js";
import { hasShared } from "../shared.js";

const ENTRY = join(ROOT, "dist-bench", "bench", "main.js");
const out = mkdtempSync(join(tmpdir(), "glue-eval-bench-smoke-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Newest modification time of the .ts files under `dir`. */
function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => statSync(join(dir, f)).mtimeMs),
  );
}

/** Builds the bench (bench/ and the glue-eval it measures) as `npm run bench` does, when dist-bench is missing or older than its sources. */
function ensureBenchBuilt(): void {
  if (existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= Math.max(newest(join(ROOT, "bench")), newest(join(ROOT, "src")))) return;
  execFileSync(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", join(ROOT, "bench")], { stdio: "inherit" });
}

const positive = (x: unknown): boolean => typeof x === "number" && Number.isFinite(x) && x > 0;

describe.skipIf(!hasShared)("npm run bench -- --smoke", () => {
  let report: BenchReport;
  let markdown: string;

  beforeAll(() => {
    ensureBenchBuilt();
    const run = spawnSync(process.execPath, [ENTRY, "--smoke", "--out", out], { cwd: ROOT, encoding: "utf8", timeout: 180_000 });
    expect(run.status, run.stderr).toBe(0);
    report = JSON.parse(readFileSync(join(out, "bench.json"), "utf8")) as BenchReport;
    markdown = readFileSync(join(out, "bench.md"), "utf8");
  }, 300_000);

  it("runs one tiny case once, every mode", () => {
    expect(report.runs).toBe(1);
    expect(report.cases).toHaveLength(1);
    const c = report.cases[0] as CaseReport;
    expect(c).not.toHaveProperty("skipped");
    expect(c.n).toBe(64);
    expect(c.repetitions).toBe(1);
    expect(report.shortCase).toBeNull();
    for (const m of [c.tokenize, c.inferenceAlone, c.raw, c.glueEval, c.glueEvalNoCache, c.fixed]) expect(positive(m.examplesPerSecond)).toBe(true);
    expect(positive(c.cpuSeconds.tokenize) && positive(c.cpuSeconds.inference)).toBe(true);
    expect(c.transformersJs).not.toHaveProperty("skipped");
  });

  it("has every ratio, the padding fractions and the peak RSS", () => {
    const c = report.cases[0] as CaseReport;
    expect(positive(c.ratios.glueEvalOverRaw)).toBe(true);
    expect(positive(c.ratios.glueEvalNoCacheOverRaw)).toBe(true);
    expect(positive(c.ratios.glueEvalOverAlone)).toBe(true);
    expect(c.ratios.cpuBoundOverAlone).toBeGreaterThanOrEqual(1);
    expect(positive(c.ratios.transformersJsOverGlueEval)).toBe(true);
    expect(positive(c.ratios.fixedOverGlueEval)).toBe(true);
    expect(c.padding.dynamic).toBeGreaterThanOrEqual(0);
    expect(c.padding.fixed).toBeGreaterThan(c.padding.dynamic);
    expect(c.padding.fixed).toBeLessThan(1);
    expect(c.peakRss).toHaveProperty("bytes");
    // transformers.js ran the same model on the same examples (ties aside, the same labels).
    const agreement = "agreement" in c.transformersJs ? c.transformersJs.agreement : null;
    expect(agreement).toBeGreaterThanOrEqual(0.98);
  });

  it("runs the overlap rows: tiny BERT on two tasks, --overlap off and on, the same predictions", () => {
    const overlap = report.overlap;
    expect(overlap).not.toBeNull();
    expect(overlap).not.toHaveProperty("skipped");
    const rows = overlap !== null && "rows" in overlap ? overlap.rows : [];
    expect(rows).toHaveLength(1);
    const row = rows[0];
    if (row === undefined || "skipped" in row) throw new Error(`overlap row not run: ${JSON.stringify(row)}`);
    expect(row.n).toBe(128);
    expect(row.samePredictions).toBe(true);
    for (const t of row.timings) expect(positive(t.ratio)).toBe(true);
    expect(markdown).toContain("## Overlap: the next task tokenized during this one's inference");
  });

  it("renders the tables without holes", () => {
    expect(markdown).toContain("glue-eval / raw time");
    expect(markdown).toContain("glue-eval / max(alone)");
    expect(markdown).toContain("same, no cache");
    expect(markdown).toContain("transformers.js / glue-eval time");
    expect(markdown).toContain("fixed / glue-eval time");
    expect(markdown).not.toMatch(/NaN|undefined|Infinity/);
  });

  it("runs every precision of the dtypes model through glue-eval, fp32 first, with the batch order its graph calls for", () => {
    const p = report.precision as PrecisionSection;
    expect(p).not.toHaveProperty("skipped");
    expect(p.n).toBe(64);
    expect(p.rows.map((r) => [r.dtype, r.batchOrder])).toEqual([
      ["fp32", "length"],
      ["fp16", "length"],
      ["q8", "file"],
      ["q4", "length"],
      ["q4f16", "length"],
    ]);
    expect(p.rows[0]?.speedRatio).toBe(1);
    for (const r of p.rows) {
      expect(positive(r.glueEval.examplesPerSecond) && positive(r.speedRatio) && positive(r.fileBytes)).toBe(true);
      // The shared references: the five graphs give the same predictions on SST-2 dev but for one q8 example.
      expect(r.agreement.same).toBeGreaterThanOrEqual(63);
      expect(r.peakRss).toHaveProperty("bytes");
    }
    expect(p.warnings).toEqual([]);
    expect(markdown).toContain("## Precisions (bert-tiny-sst2-dtypes, sst2 dev, 64 examples)");
  });

  it("runs the worker rows: the raw loop and --nproc 1, 2 and auto, the same predictions, the peak RSS of every set-up", () => {
    const rows = (report.nproc as NprocSection).rows;
    expect(rows.map((r) => [r.model, r.task])).toEqual([["bert-tiny-qqp", "qqp"]]);
    const row = rows[0] as NprocRow;
    expect(row).not.toHaveProperty("skipped");
    expect(row.n).toBe(64);
    expect(row.samePredictions).toBe(true);
    expect(row.setups.map((s) => [s.nproc, s.workers])).toEqual([
      ["1", 1],
      ["2", 2],
      // 64 examples: one process.
      ["auto", 1],
    ]);
    expect(row.setups[2]?.rule).toMatch(/^auto: 1 \(/);
    for (const s of row.setups) expect(positive(s.overRaw) && positive(s.overOne) && positive(s.peakRssBytes)).toBe(true);
    // Two workers and glue-eval hold more than one process.
    expect(row.setups[1]?.peakRssBytes).toBeGreaterThan(row.setups[0]?.peakRssBytes ?? Number.POSITIVE_INFINITY);
    expect(markdown).toContain("## Workers (`--nproc`)");
  });

  it("runs the shard rows when the CLI has glue-eval merge, and says why not otherwise", () => {
    const missing = mergeMissing(DEFAULT_CLI);
    if (missing !== null) {
      expect(report.shards).toEqual({ skipped: missing });
      expect(markdown).toContain("## Shards");
      return;
    }
    const rows = (report.shards as ShardSection).rows;
    expect(rows.map((r) => [r.model, r.task])).toEqual([["bert-tiny-qqp", "qqp"]]);
    const row = rows[0] as ShardRow;
    expect(row).not.toHaveProperty("skipped");
    expect(row.n).toBe(64);
    expect(row.sameAsSingle).toEqual({ predictions: true, metrics: true });
    expect(positive(row.ratio) && positive(row.mergeFraction)).toBe(true);
  });
});

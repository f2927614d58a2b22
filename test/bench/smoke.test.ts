/**
 * `npm run bench -- --smoke` end to end through the compiled entry point, so the bench
 * cannot rot. Checks that the report has every mode and ratio; never checks timings.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchReport, CaseReport } from "../../bench/types.js";
import { ROOT } from "../cli-process.js";
import { hasShared } from "../shared.js";

const ENTRY = join(ROOT, "dist-bench", "bench", "main.js");
const out = mkdtempSync(join(tmpdir(), "glue-eval-bench-smoke-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Newest modification time of the .ts files under `dir`. */
function newest(dir: string): number {
  return Math.max(...readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => statSync(join(dir, f)).mtimeMs));
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
  }, 240_000);

  it("runs one tiny case once, every mode", () => {
    expect(report.runs).toBe(1);
    expect(report.cases).toHaveLength(1);
    const c = report.cases[0] as CaseReport;
    expect(c).not.toHaveProperty("skipped");
    expect(c.n).toBe(64);
    expect(c.repetitions).toBe(1);
    expect(report.shortCase).toBeNull();
    for (const m of [c.tokenize, c.raw, c.glueEval, c.glueEvalNoCache, c.fixed]) expect(positive(m.examplesPerSecond)).toBe(true);
    expect(c.transformersJs).not.toHaveProperty("skipped");
  });

  it("has every ratio, the padding fractions and the peak RSS", () => {
    const c = report.cases[0] as CaseReport;
    expect(positive(c.ratios.glueEvalOverRaw)).toBe(true);
    expect(positive(c.ratios.glueEvalNoCacheOverRaw)).toBe(true);
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

  it("renders the tables without holes", () => {
    expect(markdown).toContain("glue-eval / raw time");
    expect(markdown).toContain("same, no cache");
    expect(markdown).toContain("transformers.js / glue-eval time");
    expect(markdown).toContain("fixed / glue-eval time");
    expect(markdown).not.toMatch(/NaN|undefined|Infinity/);
  });
});

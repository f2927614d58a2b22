import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportJson } from "../../src/report/render/json.js";
import { defaultReportPath } from "../../src/report/write.js";
import { ensureBuilt } from "../cli-process.js";
import { runCaptured } from "../factories/cli.js";
import { unprivileged } from "../factories/as-user.js";
import { runAs } from "../factories/processes.js";
import { writeRun } from "../factories/results.js";
import { alphaTasks, betaTasks } from "../factories/scenario.js";

let root = "";
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "glue-eval-report-cli-"));
  await writeRun(join(root, "results", "alpha"), alphaTasks());
  await writeRun(join(root, "elsewhere", "beta"), betaTasks());
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("glue-eval report", () => {
  it("merges folders, prints the table and writes markdown and JSON", async () => {
    const md = join(root, "reports", "both.md");
    const json = join(root, "reports", "both.json");
    const run = await runCaptured(["report", join(root, "results"), join(root, "elsewhere", "beta"), "--out", md, "--json", json]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("DeBERTa-V2-XXLarge¹²");
    expect(run.stdout).toMatch(/│ alpha\s+│/);
    expect(run.stdout).not.toContain(String.fromCharCode(27));
    expect(run.stderr).toBe(`wrote ${md} and ${json}\n`);
    const text = await readFile(md, "utf8");
    expect(text).toContain("| alpha | - | 82.5/77.5 |");
    expect(text).toContain("```mermaid\nxychart-beta");
    const report = JSON.parse(await readFile(json, "utf8")) as ReportJson;
    expect(report.schema).toBe("glue-eval/report@1");
    expect(report.runs.map((r) => r.label)).toEqual(["alpha", "beta"]);
    expect(report.ci).toEqual({ method: "percentile-bootstrap", resamples: 1000, seed: 20260101, level: 0.95 });
    // Written atomically: no temporary files left behind.
    expect((await readdir(join(root, "reports"))).sort()).toEqual(["both.json", "both.md"]);
  });

  it("writes the HTML report with --html, beside the markdown", async () => {
    const md = join(root, "html", "both.md");
    const html = join(root, "html", "both.html");
    const run = await runCaptured(["report", join(root, "results"), "--out", md, "--html", html]);
    expect(run.stderr).toBe(`wrote ${md} and ${html}\n`);
    expect(run.code).toBe(0);
    const page = await readFile(html, "utf8");
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('data-chart="confusion" data-task="mnli"');
    expect((await readdir(join(root, "html"))).sort()).toEqual(["both.html", "both.md"]);
    const empty = await runCaptured(["report", join(root, "results"), "--out", md, "--html", ""]);
    expect(empty.stderr).toBe("glue-eval: error: --html must be a file path\n");
    expect(empty.code).toBe(2);
  });

  it("hides the reference rows with --no-paper-rows", async () => {
    const md = join(root, "alpha-only.md");
    const run = await runCaptured(["report", join(root, "results", "alpha"), "--out", md, "--no-paper-rows"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("BERT-Large");
    expect(await readFile(md, "utf8")).not.toContain("DeepSpeed");
  });

  it("reports usage and data errors on one line", async () => {
    const none = await runCaptured(["report"]);
    expect(none.code).toBe(2);
    const missing = await runCaptured(["report", join(root, "nothing-here"), "--out", join(root, "x.md")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^glue-eval: error: .*nothing-here: not a folder\n$/);
    expect(existsSync(join(root, "x.md"))).toBe(false);
  });

  it("names the default report after the models", () => {
    expect(defaultReportPath(["bert-tiny-sst2", "bert-tiny-sst2-q8"])).toBe(join("reports", "bert-tiny-sst2+bert-tiny-sst2-q8.md"));
    expect(defaultReportPath(["m (fp32)", "a/b"])).toBe(join("reports", "m_fp32_+a_b.md"));
    const long = defaultReportPath(Array.from({ length: 20 }, (_, i) => `model-number-${i}`));
    expect(long.length).toBeLessThanOrEqual("reports/".length + 120 + 3);
  });
});

/** The report's own file names in a folder, once the run is over: no temporary file may stay. */
const leftIn = (dir: string): string[] => readdirSync(dir).sort();

describe("glue-eval report into a place it cannot write", () => {
  it.each([
    ["--out below a file", (file: string) => ["--out", join(file, "report.md")], "report.md", "the report (a file is in the way of its folder)"],
    [
      "--out deeper below a file",
      (file: string) => ["--out", join(file, "sub", "report.md")],
      "sub/report.md",
      "the report (a file is in the way of its folder)",
    ],
    ["--out on a folder", (file: string) => ["--out", `${file}.dir`], null, "the report (a folder of that name is in the way)"],
    [
      "--json below a file",
      (file: string) => ["--out", `${file}.md`, "--json", join(file, "report.json")],
      "report.json",
      "the JSON report (a file is in the way of its folder)",
    ],
    [
      "--html below a file",
      (file: string) => ["--out", `${file}.md`, "--html", join(file, "report.html")],
      "report.html",
      "the HTML report (a file is in the way of its folder)",
    ],
  ] as const)("%s: one line naming the file, no stack trace, nothing left behind", async (title, flags, below, reason) => {
    const place = join(root, "blocked", title.replace(/\W+/g, "-"));
    mkdirSync(place, { recursive: true });
    const file = join(place, "file");
    writeFileSync(file, "");
    mkdirSync(`${file}.dir`);
    const argv = flags(file);
    const run = await runCaptured(["report", join(root, "results", "alpha"), ...argv]);
    const target = below === null ? `${file}.dir` : join(file, below);
    expect(run.stderr).toBe(`glue-eval: error: ${target}: cannot write ${reason}\n`);
    expect(run.code).toBe(1);
    expect(leftIn(place)).toEqual(["file", "file.dir"].concat(argv.includes("--json") || argv.includes("--html") ? ["file.md"] : []).sort());
    expect(leftIn(`${file}.dir`)).toEqual([]);
  });

  // The user and the folders it can reach, worked out once the CLI is built (it may be linked elsewhere).
  ensureBuilt();
  const lowered = unprivileged();
  if (lowered === null) console.warn("[glue-eval tests] SKIPPING --out in a read-only folder: the CLI cannot run here as a user the folder's mode binds");
  afterAll(() => lowered?.dispose());
  it.skipIf(lowered === null)("--out in a read-only folder (as a user the folder's mode binds): one line, nothing written", async () => {
    if (lowered === null) return;
    // In a folder that user can reach: the checkout and the temporary folder may sit below one it cannot traverse.
    const place = join(lowered.scratch, "report-read-only");
    const results = join(place, "results", "alpha");
    await writeRun(results, alphaTasks());
    const dir = join(place, "read-only");
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    const run = await runAs(["report", results, "--out", join(dir, "report.md")], lowered.options);
    expect(run.stderr).toMatch(new RegExp(`^glue-eval: error: ${dir}/report\\.md: cannot write the report \\(EACCES: permission denied\\)\n$`));
    expect(run.code).toBe(1);
    expect(leftIn(dir)).toEqual([]);
  });
});

/**
 * A result over fewer examples than its split (--limit, one shard) records `partial` and is
 * marked wherever its numbers are shown: the paper table ("*" and a note), the details, the
 * markdown report, the report JSON, compare and the precision matrix; and it is never a
 * column's best.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportJson } from "../../src/report/render/json.js";
import type { TaskResult } from "../../src/results/schema.js";
import { runCaptured } from "../factories/cli.js";
import { classifierGraph, writeModelFolder, writeSst2 } from "../factories/onnx.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-partial-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const data = join(tmp, "data");
const model = join(tmp, "model");

beforeAll(() => {
  // The model predicts "negative" for every row; the first 3 rows are negative, 5 of all 8 are positive.
  writeSst2(data, [
    ["a good film", 0],
    ["not good", 0],
    ["bad", 0],
    ["very very good film", 1],
    ["a good film", 1],
    ["not good", 1],
    ["bad", 1],
    ["very very good film", 1],
  ]);
  writeModelFolder(model, "model.onnx", classifierGraph({ weights: [0.25, -0.5, 1, 2] }));
});

const run = (out: string, extra: string[] = []) =>
  runCaptured(["--task", "sst2", "--model", model, "--data-dir", data, "--output-dir", out, "--no-progress", "--no-cache", ...extra]);
const result = (out: string): TaskResult => JSON.parse(readFileSync(join(out, "sst2.json"), "utf8")) as TaskResult;

describe("a result over a subset of its split", () => {
  // Was: `--limit 3` printed 100.0 in the paper table's SST-2 column, unmarked, beside the reference rows.
  it("--limit: recorded, and marked in the table, the details and --json", async () => {
    const out = join(tmp, "subset");
    const r = await run(out, ["--limit", "3"]);
    expect(r.code, r.stderr).toBe(0);
    expect(result(out).partial).toEqual({ n: 3, of: 8 });
    expect(r.stdout).toMatch(/│ model +│ +- +│ +- +│ +- +│ 100\.0\* +│/);
    expect(r.stdout).toContain("* Not the dev-set score: over a subset of the dev set (--limit, or one shard). model, SST-2: on 3 of 8 examples.");
    expect(r.stdout).toMatch(/│ model +│ sst2 +│ dev +│ 3 of 8 \* +│ accuracy 100\.00 +│/);
    const json = await run(join(tmp, "subset-json"), ["--limit", "3", "--json"]);
    expect((JSON.parse(json.stdout) as { results: TaskResult[] }[])[0]?.results[0]?.partial).toEqual({ n: 3, of: 8 });
  });

  it("the report marks it in the table (never the column's best), the run's section and the JSON", async () => {
    const whole = join(tmp, "whole");
    expect((await run(whole, ["--name", "full"])).code).toBe(0);
    const md = join(tmp, "report.md");
    const jsonFile = join(tmp, "report.json");
    const r = await runCaptured(["report", join(tmp, "subset"), whole, "--out", md, "--json", jsonFile]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(md, "utf8");
    // 100.0 on the subset is above the full run's 37.5 but not bold; the best of the column stays the paper's.
    expect(text).toContain("| model | - | - | - | 100.0* | - | - | - | - | - | - |");
    expect(text).toContain("| full | - | - | - | 37.5 | - | - | - | - | - | - |");
    expect(text).toContain("* Not the dev-set score: over a subset of the dev set (--limit, or one shard). model, SST-2: on 3 of 8 examples.");
    expect(text).toContain("| SST-2 | dev | 3 of 8 * | accuracy | 100.00 |");
    expect(text).toContain("- SST-2: * on 3 of 8 examples, a subset of the split (--limit, or one shard): not the dev-set score");
    const report = JSON.parse(readFileSync(jsonFile, "utf8")) as ReportJson;
    const row = report.table.rows.find((x) => x.model === "model");
    expect(row?.subset).toEqual({ sst2: [true] });
    expect(report.table.rows.find((x) => x.model === "full")?.subset).toBeUndefined();
    expect(report.table.subsetNote).toContain("model, SST-2: on 3 of 8 examples");
    expect(report.runs.find((x) => x.label === "model")?.tasks[0]?.partial).toEqual({ n: 3, of: 8 });
  });

  it("compare and the precision matrix say so", async () => {
    const copy = join(tmp, "subset-copy");
    cpSync(join(tmp, "subset"), copy, { recursive: true });
    const pair = await runCaptured(["compare", join(tmp, "subset"), copy]);
    expect(pair.code, pair.stderr).toBe(0);
    expect(pair.stdout).toContain("SST-2 (sst2, dev, n = 3 of 8 *, a subset of the split: not the dev-set scores)");
    const json = await runCaptured(["compare", join(tmp, "subset"), copy, "--json"]);
    expect((JSON.parse(json.stdout) as { tasks: { partial?: unknown }[] }).tasks[0]?.partial).toEqual({ n: 3, of: 8 });
    const matrix = await runCaptured(["compare", join(tmp, "subset"), copy, "--matrix"]);
    expect(matrix.stdout).toMatch(/│ SST-2 \(3 of 8\) \* │/);
    expect(matrix.stdout).toContain("* Over a subset of the split (--limit, or one shard): not the dev-set scores.");
  });

  it("one shard is partial until the merge, which is not", async () => {
    const out = join(tmp, "sharded");
    for (const k of [0, 1]) expect((await run(out, ["--shard", `${k}/2`])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "shards", "0-of-2", "sst2.json"), "utf8")).partial).toEqual({ n: 4, of: 8 });
    expect((await runCaptured(["merge", out])).code).toBe(0);
    expect(result(out).partial).toBeUndefined();
    // The shards of a --limit run merge into a partial result, as the unsharded --limit run is.
    const limited = join(tmp, "sharded-limit");
    for (const k of [0, 1]) expect((await run(limited, ["--shard", `${k}/2`, "--limit", "6"])).code).toBe(0);
    expect((await runCaptured(["merge", limited])).code).toBe(0);
    expect(result(limited).partial).toEqual({ n: 6, of: 8 });
  });
});

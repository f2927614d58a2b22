/** Speed is shown for outputs computed in the run only: a task read from the cache says "cached" where ex/s would be. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataType } from "../../src/model/onnx/schema.js";
import { runCaptured } from "../factories/cli.js";
import { classifierGraph, writeModelFolder, writeSst2 } from "../factories/onnx.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-speed-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const data = join(tmp, "data");
const model = join(tmp, "model");
const cache = join(tmp, "cache");

beforeAll(() => {
  writeSst2(data, [
    ["a good film", 1],
    ["not good", 0],
    ["bad", 0],
  ]);
  writeModelFolder(model, "onnx/model.onnx", classifierGraph({ weights: [0.25, -0.5, 1, 2] }));
  writeFileSync(join(model, "onnx", "model_fp16.onnx"), classifierGraph({ weights: [0.25, -0.5, 1, 2], weightType: DataType.FLOAT16 }).graph);
});

const run = (out: string, extra: string[]) =>
  runCaptured(["--task", "sst2", "--model", model, "--data-dir", data, "--output-dir", out, "--no-progress", "--cache-dir", cache, ...extra]);

/** The ex/s cells of the details table, one per model row. */
const speedCells = (stdout: string): string[] =>
  stdout
    .split("\n")
    .filter((l) => /│ sst2 +│ dev /.test(l))
    .map((l) => l.split("│").at(-2)?.trim() ?? "");

describe("speed from the cache", () => {
  // Was: "ex/s 116997" for a task read from the cache, and "cached" on every row of the matrix once the baseline was cached.
  it("a rerun that reads every output from the cache says cached, in the table, the report and the matrix", async () => {
    const out = join(tmp, "out");
    const first = await run(out, ["--dtype", "all"]);
    expect(first.code, first.stderr).toBe(0);
    expect(speedCells(first.stdout).every((cell) => /^\d+$/.test(cell))).toBe(true);
    expect(first.stdout).toContain("< 1 s timed");

    const report = join(tmp, "cached.md");
    const second = await run(out, ["--dtype", "all", "--report", report]);
    expect(second.code, second.stderr).toBe(0);
    expect(speedCells(second.stdout)).toEqual(["cached", "cached"]);
    expect(second.stdout).toMatch(/│ +cached: --no-cache │/);
    expect(readFileSync(report, "utf8")).toMatch(/\| SST-2 \| 3 \| 3 \| 0 \| [\d.]+ \| cached \|/);
  });
});

/**
 * score, report, compare and merge as library calls give what their commands print with --json
 * and write, on the demo model in fp32 and int8 (the command line calls the same functions).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compare } from "../../src/api/compare.js";
import { evaluate } from "../../src/api/evaluate.js";
import { merge } from "../../src/api/merge.js";
import { report } from "../../src/api/report.js";
import { score } from "../../src/api/score.js";
import { UsageError } from "../../src/errors.js";
import type { PredictionLine } from "../../src/results/schema.js";
import { runCaptured } from "../factories/cli.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL, EXAMPLE_REF } from "../examples.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-api-commands-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const REFERENCE = (JSON.parse(readFileSync(EXAMPLE_REF, "utf8")) as { splits: { dev: { metrics: { accuracy: number } } } }).splits.dev.metrics.accuracy;
const runs = join(tmp, "runs");
const fp32 = join(runs, "bert-tiny-sst2");
const q8 = join(runs, "bert-tiny-sst2-q8");

async function cliJson(argv: string[]): Promise<unknown> {
  const out = await runCaptured([...argv, "--json"]);
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout);
}

beforeAll(async () => {
  await evaluate({
    model: EXAMPLE_MODEL,
    tasks: "sst2",
    dataDir: EXAMPLE_DATA,
    dtype: ["fp32", "q8"],
    outputDir: runs,
    cacheDir: join(tmp, "cache"),
    threads: 1,
  });
});

describe("the library's commands", () => {
  it("score: a GLUE submission file, as glue-eval score", async () => {
    const lines = readFileSync(join(fp32, "sst2.predictions.jsonl"), "utf8").trimEnd().split("\n");
    const rows = lines.map((l) => JSON.parse(l) as PredictionLine).map((p) => `${p.index}\t${p.prediction}`);
    const file = join(tmp, "SST-2.tsv");
    writeFileSync(file, `index\tprediction\n${rows.join("\n")}\n`);
    const scored = await score({ task: "sst-2", predictions: file, dataDir: EXAMPLE_DATA });
    expect(scored).toEqual({ task: "sst2", metrics: { accuracy: REFERENCE }, warnings: [] });
    expect(await cliJson(["score", "--task", "sst2", "--predictions", file, "--data-dir", EXAMPLE_DATA])).toEqual(scored.metrics);
  });

  it("report: the data, and the files the command writes, only those asked for", async () => {
    const done = await report({ runs, json: join(tmp, "api.json") });
    expect(done.written).toEqual([join(tmp, "api.json")]);
    const cli = await runCaptured(["report", runs, "--out", join(tmp, "cli.md"), "--json", join(tmp, "cli.json")]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(tmp, "api.json"), "utf8"))).toEqual(JSON.parse(readFileSync(join(tmp, "cli.json"), "utf8")));
    expect(done.json).toEqual(JSON.parse(readFileSync(join(tmp, "cli.json"), "utf8")));
    expect(done.data.runs.map((r) => r.label)).toEqual(["bert-tiny-sst2", "bert-tiny-sst2-q8"]);
    expect(done.matrices).toHaveLength(1);
    expect(done.table.rows.filter((r) => r.kind === "run")).toHaveLength(2);
    const markdown = await report({ runs, markdown: join(tmp, "api.md") });
    expect(markdown.written).toEqual([join(tmp, "api.md")]);
    expect(readFileSync(join(tmp, "api.md"), "utf8")).toBe(readFileSync(join(tmp, "cli.md"), "utf8"));
  });

  it("compare: two runs paired, or the matrix, as glue-eval compare --json", async () => {
    const pair = await compare({ baseline: fp32, runs: q8 });
    expect(pair.kind).toBe("pair");
    expect(pair.kind === "pair" ? pair.comparison : null).toEqual(await cliJson(["compare", fp32, q8]));
    // A folder of runs counts as its runs, the baseline left out: here the int8 run alone, still a pair.
    expect(await compare({ baseline: fp32, runs: [runs] })).toEqual(pair);
    const matrix = await compare({ baseline: fp32, runs: q8, matrix: true });
    expect(matrix.kind).toBe("matrix");
    expect(matrix.kind === "matrix" ? matrix.matrix : null).toEqual(await cliJson(["compare", fp32, q8, "--matrix"]));
    await expect(compare({ baseline: fp32, runs: [] })).rejects.toThrow(UsageError);
  });

  it("merge: a sharded run's shards into the whole run's results, as the unsharded run scores them", async () => {
    const sharded = join(tmp, "sharded");
    for (const index of [0, 1]) {
      await evaluate({
        model: EXAMPLE_MODEL,
        tasks: "sst2",
        dataDir: EXAMPLE_DATA,
        outputDir: sharded,
        shard: { index, count: 2 },
        cacheDir: join(tmp, "cache"),
        threads: 1,
      });
    }
    const info: string[] = [];
    const merged = await merge({ dirs: sharded, onInfo: (m) => info.push(m) });
    expect(merged.map((r) => r.name)).toEqual(["bert-tiny-sst2"]);
    expect(merged[0]?.results.map((r) => r.metrics.accuracy)).toEqual([REFERENCE]);
    expect(merged[0]?.results[0]).toEqual(JSON.parse(readFileSync(join(sharded, "sst2.json"), "utf8")));
    expect(readdirSync(sharded).sort()).toEqual(["shards", "sst2.json", "sst2.predictions.jsonl"]);
    expect(info.at(-1)).toBe(`merged 2 shards of sst2 into ${join(sharded, "sst2.json")}`);
  });
});

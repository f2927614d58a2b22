/**
 * The `analysis` of a GLUE run, on the demo set (no ../shared needed): its token counts are
 * the Python reference's input lengths, its confusion matrix and calibration follow from the
 * reference's predictions and logits, and a rerun from the cache and a merge of shards write
 * the same analysis as the run itself.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PredictionLine, TaskResult } from "../../../src/results/schema.js";
import { runCaptured } from "../../factories/cli.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL, EXAMPLE_REF } from "../../examples.js";

interface RefSplit {
  logits: number[][];
  predictions: number[];
  input_lengths: number[];
}

const ref = (JSON.parse(readFileSync(EXAMPLE_REF, "utf8")) as { splits: Record<string, RefSplit> }).splits.dev as RefSplit;
const tmp = mkdtempSync(join(tmpdir(), "glue-eval-analysis-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const args = (out: string, extra: readonly string[] = []): string[] => [
  "--task",
  "sst2",
  "--model",
  EXAMPLE_MODEL,
  "--data-dir",
  EXAMPLE_DATA,
  "--output-dir",
  out,
  "--no-progress",
  "--threads",
  "1",
  ...extra,
];

async function run(argv: string[]): Promise<void> {
  const done = await runCaptured(argv);
  expect(done.code, done.stderr).toBe(0);
}

const resultIn = (dir: string): TaskResult => JSON.parse(readFileSync(join(dir, "sst2.json"), "utf8")) as TaskResult;
const analysisIn = (dir: string): string => JSON.stringify(resultIn(dir).analysis);
const linesIn = (dir: string): PredictionLine[] =>
  readFileSync(join(dir, "sst2.predictions.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as PredictionLine);

const whole = join(tmp, "whole");
const cache = join(tmp, "cache");
beforeAll(() => run(args(whole, ["--cache-dir", cache])));

describe("the analysis of an SST-2 run", () => {
  it("counts the reference's input lengths and writes the input text beside each prediction", () => {
    const lines = linesIn(whole);
    expect(lines.map((l) => l.tokens)).toEqual(ref.input_lengths);
    expect(lines[0]?.text).toBe("it 's a charming and often affecting journey . ");
    expect(lines.every((l) => l.pair === undefined)).toBe(true);
  });

  it("has the confusion matrix of the reference's predictions, and per-class scores that follow from it", () => {
    const lines = linesIn(whole);
    const expected = [
      [0, 0],
      [0, 0],
    ];
    lines.forEach((line, i) => {
      const row = expected[Number(line.label)] as number[];
      const p = ref.predictions[i] as number;
      row[p] = (row[p] as number) + 1;
    });
    const { analysis } = resultIn(whole);
    expect(analysis?.confusion).toEqual({ labels: ["0", "1"], matrix: expected });
    const [[tn, fp], [fn, tp]] = expected as [[number, number], [number, number]];
    expect(analysis?.perClass?.["1"]).toEqual({ precision: tp / (tp + fp), recall: tp / (tp + fn), f1: (2 * tp) / (2 * tp + fp + fn), support: tp + fn });
    expect(analysis?.perClass?.["0"]?.support).toBe(tn + fp);
  });

  it("has the calibration error of the reference's logits, binned as Guo et al. (2017)", () => {
    const lines = linesIn(whole);
    // Straight from the definition: 15 bins (b/15, (b+1)/15], Σ |bin| / n · |accuracy − mean confidence|.
    let ece = 0;
    for (let b = 0; b < 15; b++) {
      const members = ref.logits
        .map((row, i) => ({
          confidence: Math.max(...row.map((x) => Math.exp(x) / row.reduce((s, y) => s + Math.exp(y), 0))),
          right: ref.predictions[i] === Number(lines[i]?.label),
        }))
        .filter((m) => m.confidence > b / 15 && m.confidence <= (b + 1) / 15);
      if (members.length === 0) continue;
      const accuracy = members.filter((m) => m.right).length / members.length;
      const confidence = members.reduce((s, m) => s + m.confidence, 0) / members.length;
      ece += (members.length / lines.length) * Math.abs(accuracy - confidence);
    }
    const calibration = resultIn(whole).analysis?.calibration;
    expect(calibration?.bins).toHaveLength(15);
    expect(calibration?.bins.reduce((s, b) => s + b.count, 0)).toBe(872);
    expect(Math.abs((calibration?.ece ?? Number.NaN) - ece)).toBeLessThan(1e-12);
    console.log(`bert-tiny-sst2 on SST-2 dev: ECE ${ece.toFixed(4)}`);
  });

  it("has accuracy by length quartile over every example, the quartiles of the reference's lengths", () => {
    const bins = resultIn(whole).analysis?.byLength?.bins ?? [];
    const sorted = [...ref.input_lengths].sort((a, b) => a - b);
    expect(bins.map((b) => b.low)).toEqual([sorted[0], 17, 24.5, 32]);
    expect(bins.at(-1)?.high).toBe(sorted.at(-1));
    expect(bins.reduce((s, b) => s + b.n, 0)).toBe(872);
  });

  it("is the same after a rerun from the cache", async () => {
    const again = join(tmp, "again");
    await run(args(again, ["--cache-dir", cache]));
    expect(resultIn(again).timing.cachedBatches).toBe(resultIn(again).timing.batches);
    expect(analysisIn(again)).toBe(analysisIn(whole));
  });

  it("is the same after a merge of shards, which finds the token counts and texts in the shards' predictions", async () => {
    const sharded = join(tmp, "sharded");
    for (const k of [0, 1, 2]) await run(args(sharded, ["--no-cache", "--shard", `${k}/3`]));
    expect(resultIn(join(sharded, "shards", "0-of-3")).analysis).toBeUndefined();
    const merged = await runCaptured(["merge", sharded]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(analysisIn(sharded)).toBe(analysisIn(whole));
    expect(readFileSync(join(sharded, "sst2.predictions.jsonl"), "utf8")).toBe(readFileSync(join(whole, "sst2.predictions.jsonl"), "utf8"));
  });
});

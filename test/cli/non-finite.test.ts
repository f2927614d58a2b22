/**
 * Models whose outputs are NaN or ±Infinity (fp16 overflow, a broken quantization), through the
 * CLI: the predictions file keeps the values, the merge of 2 shards reads them back and writes
 * what the unsharded run wrote, argmax follows numpy, each task counts and reports them, and
 * STS-B gives null correlations with a warning instead of a crash.
 *
 * Graphs (test/factories/onnx.ts): logits = [Σ input_ids, Σ attention_mask] · W. The rows'
 * id sums are 21, 19, 11 and 33 (5, 4, 3 and 6 tokens).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PredictionLine, TaskResult } from "../../src/results/schema.js";
import { runCaptured } from "../factories/cli.js";
import { classifierGraph, writeModelFolder, writeSst2 } from "../factories/onnx.js";
import { stableResult } from "./shard-helpers.js";

const f32 = Math.fround;
const tmp = mkdtempSync(join(tmpdir(), "glue-eval-non-finite-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const data = join(tmp, "data");
const SENTENCES = ["a good film", "not good", "bad", "very very good film"];

beforeAll(() => {
  writeSst2(data, [
    [SENTENCES[0] as string, 1],
    [SENTENCES[1] as string, 0],
    [SENTENCES[2] as string, 0],
    [SENTENCES[3] as string, 1],
  ]);
  // Single sentences in an STS-B layout (the second sentence empty), so the sums stay those of SST-2.
  mkdirSync(join(data, "glue", "STS-B"), { recursive: true });
  writeFileSync(join(data, "glue", "STS-B", "dev.tsv"), `sentence1\tsentence2\tscore\n${SENTENCES.map((s, i) => `${s}\t\t${i + 1}`).join("\n")}\n`);
});

interface Case {
  title: string;
  task: "sst2" | "stsb";
  weights: number[];
  /** The predictions file's logits, line by line. */
  logits: (number | string)[][];
  predictions: (string | number)[];
  metrics: Record<string, number | null>;
  nonFinite: { examples: number; first: number };
}

const CASES: Case[] = [
  {
    // −1.5e37 × 33 overflows float32: logit 0 of the last row is −Infinity. Merged shards read it back as NaN (class 0) before.
    title: "SST-2, a logit that overflows to -Infinity",
    task: "sst2",
    weights: [-1.5e37, 0, 0, 1],
    logits: [
      [f32(f32(-1.5e37) * 21), 5],
      [f32(f32(-1.5e37) * 19), 4],
      [f32(f32(-1.5e37) * 11), 3],
      ["-Infinity", 6],
    ],
    predictions: ["1", "1", "1", "1"],
    metrics: { accuracy: 0.5 },
    nonFinite: { examples: 1, first: 3 },
  },
  {
    // Σ ids · ∞ + Σ mask · (−∞) is NaN on every row; numpy's argmax takes the first NaN, class 1 (it was 0).
    title: "SST-2, a logit that is NaN",
    task: "sst2",
    weights: [1, Number.POSITIVE_INFINITY, 0, Number.NEGATIVE_INFINITY],
    logits: [
      [21, "NaN"],
      [19, "NaN"],
      [11, "NaN"],
      [33, "NaN"],
    ],
    predictions: ["1", "1", "1", "1"],
    metrics: { accuracy: 0.5 },
    nonFinite: { examples: 4, first: 0 },
  },
  {
    // Was exit 70 with a stack trace from Pearson, and nothing written. The empty second sentence adds a [SEP] (3) to each sum.
    title: "STS-B, a score that overflows to -Infinity",
    task: "stsb",
    weights: [-1e37, 0],
    logits: [[f32(f32(-1e37) * 24)], [f32(f32(-1e37) * 22)], [f32(f32(-1e37) * 14)], ["-Infinity"]],
    predictions: [f32(f32(-1e37) * 24), f32(f32(-1e37) * 22), f32(f32(-1e37) * 14), "-Infinity"],
    metrics: { pearson: null, spearmanr: null },
    nonFinite: { examples: 1, first: 3 },
  },
  {
    title: "STS-B, a score that is NaN",
    task: "stsb",
    weights: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
    logits: [["NaN"], ["NaN"], ["NaN"], ["NaN"]],
    predictions: ["NaN", "NaN", "NaN", "NaN"],
    metrics: { pearson: null, spearmanr: null },
    nonFinite: { examples: 4, first: 0 },
  },
];

function modelFolder(name: string, task: Case["task"], weights: number[]): string {
  const dir = join(tmp, name);
  writeModelFolder(dir, "model.onnx", classifierGraph({ weights }));
  if (task === "stsb") writeFileSync(join(dir, "config.json"), JSON.stringify({ model_type: "bert", id2label: { 0: "LABEL_0" }, problem_type: "regression" }));
  return dir;
}

const read = (out: string, task: string): { result: TaskResult; text: string; lines: PredictionLine[] } => {
  const text = readFileSync(join(out, `${task}.predictions.jsonl`), "utf8");
  return {
    result: JSON.parse(readFileSync(join(out, `${task}.json`), "utf8")) as TaskResult,
    text,
    lines: text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as PredictionLine),
  };
};

describe("NaN and ±Infinity in a model's outputs", () => {
  it.each(CASES)("$title: unsharded and 2 merged shards give the same files and metrics", async (c) => {
    const model = modelFolder(`model-${c.task}-${CASES.indexOf(c)}`, c.task, c.weights);
    const whole = join(tmp, `whole-${CASES.indexOf(c)}`);
    const sharded = join(tmp, `sharded-${CASES.indexOf(c)}`);
    const args = (out: string, extra: string[] = []) => [
      "--task",
      c.task,
      "--model",
      model,
      "--data-dir",
      data,
      "--output-dir",
      out,
      "--no-progress",
      "--no-cache",
      ...extra,
    ];

    const run = await runCaptured(args(whole));
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr.split("\n").filter((l) => l.startsWith("glue-eval: warning:"));
    expect(warnings.filter((w) => w.includes("NaN or ±Infinity"))).toHaveLength(c.task === "stsb" ? 3 : 1);
    expect(warnings.join("\n")).toContain(
      `${c.nonFinite.examples} of 4 examples have a model output that is NaN or ±Infinity (the first: example ${c.nonFinite.first})`,
    );
    for (const k of [0, 1]) expect((await runCaptured(args(sharded, ["--shard", `${k}/2`]))).code).toBe(0);
    const merge = await runCaptured(["merge", sharded]);
    expect(merge.code, merge.stderr).toBe(0);

    const a = read(whole, c.task);
    const b = read(sharded, c.task);
    expect(b.text).toBe(a.text);
    expect(stableResult(join(sharded, `${c.task}.json`), [sharded])).toBe(stableResult(join(whole, `${c.task}.json`), [whole]));
    expect(a.lines.map((l) => l.logits)).toEqual(c.logits);
    expect(a.lines.map((l) => l.prediction)).toEqual(c.predictions);
    expect(a.result.metrics).toEqual(c.metrics);
    expect(b.result.metrics).toEqual(c.metrics);
    expect(a.result.nonFinite).toEqual(c.nonFinite);
    expect(a.result.warnings.filter((w) => w.includes("NaN or ±Infinity"))).toHaveLength(c.task === "stsb" ? 3 : 1);

    // The other readers take the file back as it was.
    const report = await runCaptured(["report", whole, sharded, "--out", join(tmp, `report-${CASES.indexOf(c)}.md`)]);
    expect(report.code, report.stderr).toBe(0);
    const compare = await runCaptured(["compare", whole, sharded, "--json"]);
    expect(compare.code, compare.stderr).toBe(0);
    expect((JSON.parse(compare.stdout) as { tasks: { agreement: number }[] }).tasks[0]?.agreement).toBe(1);
  });
});

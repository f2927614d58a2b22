/**
 * `--nproc 2` writes what one process writes: every file byte for byte, and `<task>.json` but
 * for the date, the timing (which records the split) and the command line. Both runs give
 * onnxruntime one thread per process (`--threads 1`, and `--threads 2` over two workers), so
 * that `runtime.threads` is the same. QQP fp32 on the whole dev set; SST-2 int8 in file-order
 * batches (the workers' cuts fall on one process's batch boundaries, so they run the same
 * batches); SQuAD v1.1 and 2.0 on their first 2,000 questions.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskResult } from "../../src/results/schema.js";
import { ensureBuilt, runCliProcess } from "../cli-process.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL } from "../examples.js";
import { hasShared, sharedPath } from "../shared.js";
import { filesUnder, metricDifference, ok, stableResult } from "./shard-helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-nproc-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => ensureBuilt());

interface Case {
  title: string;
  task: string;
  model: string;
  data: string;
  extra: string[];
  /** Reads ../shared. */
  shared: boolean;
}

const model = (name: string): string => sharedPath("fixtures", "models", name);
const CASES: Case[] = [
  { title: "QQP, fp32, all 40,430 pairs", task: "qqp", model: model("bert-tiny-qqp"), data: sharedPath("data"), extra: [], shared: true },
  { title: "SST-2, int8, file-order batches", task: "sst2", model: EXAMPLE_MODEL, data: EXAMPLE_DATA, extra: ["--dtype", "q8"], shared: false },
  {
    title: "SQuAD v1.1, fp32 (first 2,000 questions)",
    task: "squad",
    model: model("bert-tiny-squad"),
    data: sharedPath("data"),
    extra: ["--limit", "2000"],
    shared: true,
  },
  {
    title: "SQuAD 2.0, fp32 (first 2,000 questions)",
    task: "squad_v2",
    model: model("bert-tiny-squad2"),
    data: sharedPath("data"),
    extra: ["--null-score-diff-threshold", "3.64", "--limit", "2000"],
    shared: true,
  },
];

const read = (path: string): TaskResult => JSON.parse(readFileSync(path, "utf8")) as TaskResult;
/** `<task>.json` as stableResult gives it, without the command line too. */
const withoutCommand = (path: string, folder: string): string => {
  const result = JSON.parse(stableResult(path, [folder])) as Record<string, unknown>;
  delete result.command;
  return JSON.stringify(result, null, 2);
};

describe("--nproc 2 equals one process", () => {
  // Without ../shared only the demo set's case runs (test/shared.ts says so).
  it.each(CASES.filter((c) => hasShared || !c.shared))("$title", async ({ task, model, data, extra }) => {
    const args = (out: string, split: string[]) => [
      "--task",
      task,
      "--model",
      model,
      "--data-dir",
      data,
      "--output-dir",
      out,
      "--no-cache",
      "--no-progress",
      ...extra,
      ...split,
    ];
    const one = join(tmp, `${task}-one`);
    const two = join(tmp, `${task}-two`);
    await ok(runCliProcess(args(one, ["--threads", "1"])));
    const split = await ok(runCliProcess(args(two, ["--threads", "2", "--nproc", "2"])));
    expect(split.stderr.trim().split("\n")).toEqual([`${read(join(one, `${task}.json`)).model.name} ${task}: wrote ${join(two, `${task}.json`)}`]);

    const names = filesUnder(one);
    expect(filesUnder(two)).toEqual(names);
    for (const name of names) {
      if (name === `${task}.json`) expect(withoutCommand(join(two, name), two)).toBe(withoutCommand(join(one, name), one));
      else expect(readFileSync(join(two, name)).equals(readFileSync(join(one, name))), `${name} differs`).toBe(true);
    }
    const [a, b] = [read(join(one, `${task}.json`)), read(join(two, `${task}.json`))];
    expect(metricDifference(a.metrics, b.metrics)).toBe(0);
    expect(b.command.map((word) => (word === two ? one : word))).toEqual([...a.command.slice(0, -2), "--threads", "2", "--nproc", "2"]);
    expect(b.timing.workers).toEqual({ count: 2, threads: 1, rule: "--nproc 2" });
    expect(a.timing.workers).toBeUndefined();
    // File order: the workers ran exactly one process's batches, so the same count and the same padding.
    if (a.config.batch_order === "file") expect([b.timing.batches, b.timing.paddingFraction]).toEqual([a.timing.batches, a.timing.paddingFraction]);
    console.log(`--nproc 2 = one process | ${task} ${extra.join(" ")} | files ${names.join(", ")} | identical bytes: yes | largest metric difference: 0`);
  });
});

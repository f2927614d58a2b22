/** glue-eval end to end: runEvaluation() with its results written to a scratch folder. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Dtype } from "../src/precision.js";
import type { RunConfig } from "../src/runner/config.js";
import { runEvaluation } from "../src/runner/run-evaluation.js";
import type { PredictionLine, TaskResult } from "../src/results/schema.js";
import type { TaskName } from "../src/tasks/catalogue/index.js";

/** run_qa.py's default: tokens shared by consecutive SQuAD windows. */
export const DOC_STRIDE = 128;

export interface HarnessCase {
  modelPath: string;
  task: TaskName;
  limit: number | null;
  batchSize: number;
  maxSeqLength: number | null;
  dataDir: string;
  /** The graph, by its --dtype name. */
  dtype: Dtype;
}

/** `cacheDir`: glue-eval's model-output cache; the bench gives each run an empty one (a first run). */
export function harnessConfig(c: HarnessCase, outputDir: string, cacheDir: string | null): RunConfig {
  return Object.freeze({
    models: [c.modelPath],
    names: [null],
    tasks: [c.task],
    dtype: c.dtype,
    outputDir,
    threads: 0,
    overlap: "auto",
    executionProvider: "cpu",
    batchOrder: "auto",
    maxSeqLength: c.maxSeqLength,
    options: {
      dataDir: c.dataDir,
      split: "dev",
      limit: c.limit,
      batchSize: c.batchSize,
      labelMap: null,
      docStride: DOC_STRIDE,
      nBestSize: 20,
      maxAnswerLength: 30,
      nullScoreDiffThreshold: 0,
      labelsFile: null,
    },
    cacheDir,
    command: ["glue-eval", "--task", c.task, "--model", c.modelPath, "--dtype", c.dtype],
    progress: false,
    // The bench's folders are its own scratch space, rerun with other limits.
    overwrite: true,
  } satisfies RunConfig);
}

export interface HarnessRun {
  /** The task's own clock: read, tokenize, batch, infer, decode, score. */
  taskSeconds: number;
  /** The whole runEvaluation() call: also model load, hashing and writing results. */
  wholeCallSeconds: number;
  result: TaskResult;
}

const quiet = { warn: (): void => {}, info: (): void => {} };

export async function runHarness(config: RunConfig): Promise<HarnessRun> {
  const started = performance.now();
  const [run] = await runEvaluation(config, quiet);
  const wholeCallSeconds = (performance.now() - started) / 1000;
  const result = run?.results[0];
  if (result === undefined) throw new Error("runEvaluation() returned no result");
  return { taskSeconds: result.timing.seconds, wholeCallSeconds, result };
}

/** The predictions glue-eval wrote for the case (file order). */
export async function readPredictions(outputDir: string, task: string): Promise<PredictionLine[]> {
  const text = await readFile(join(outputDir, `${task}.predictions.jsonl`), "utf8");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as PredictionLine);
}

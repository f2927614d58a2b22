/**
 * The precision rows: one model folder in each precision it ships, through glue-eval's own
 * runner (runEvaluation() with --dtype), as the glue-eval column of the throughput table runs.
 * Each repetition runs every precision once, starting one precision further on.
 */
import { join } from "node:path";
import type { Dtype } from "../../src/precision.js";
import { describePrecision, precisionName } from "../../src/precision.js";
import type { TaskResult } from "../../src/results/schema.js";
import { catalogue, type TaskName } from "../../src/tasks/catalogue/index.js";
import { enoughRepetitions } from "../case.js";
import { harnessConfig, type HarnessCase, type HarnessRun, readPredictions, runHarness } from "../harness.js";
import { rotate } from "../result.js";
import { peakRssOfEvaluate } from "../rss.js";
import { settled } from "../settle.js";
import { WARMUP_BATCHES } from "../types.js";
import { type PrecisionSample, precisionRows } from "./rows.js";
import type { PrecisionSection } from "./types.js";

export interface PrecisionSpec {
  /** The model folder (every dtype in it). */
  folder: string;
  task: TaskName;
  /** fp32 first: the baseline. */
  dtypes: readonly Dtype[];
  limit: number | null;
  batchSize: number;
  maxSeqLength: number | null;
}

export interface PrecisionOptions {
  runs: number;
  extendShort: boolean;
  warmup: boolean;
  scratch: string;
  measureRss: boolean;
  dataDir: string;
  log(message: string): void;
}

export async function benchPrecisions(spec: PrecisionSpec, o: PrecisionOptions): Promise<PrecisionSection> {
  const harness = (dtype: Dtype, limit: number | null): HarnessCase => ({
    modelPath: spec.folder,
    task: spec.task,
    limit,
    batchSize: spec.batchSize,
    maxSeqLength: spec.maxSeqLength,
    dataDir: o.dataDir,
    dtype,
  });
  const outputDir = (dtype: Dtype): string => join(o.scratch, dtype);
  // Every pass gets an empty output cache, as a user's first run (the glue-eval column does the same).
  const pass = (dtype: Dtype, limit: number | null, tag: string): Promise<HarnessRun> =>
    settled(() => runHarness(harnessConfig(harness(dtype, limit), outputDir(dtype), join(o.scratch, `cache-${dtype}-${tag}`))));
  if (o.warmup) {
    const prefix = Math.min(spec.limit ?? Number.POSITIVE_INFINITY, WARMUP_BATCHES * spec.batchSize);
    for (const dtype of spec.dtypes) await pass(dtype, prefix, "warm-up");
  }
  const seconds = new Map<Dtype, number[]>(spec.dtypes.map((d) => [d, []]));
  const last = new Map<Dtype, TaskResult>();
  const baseline = seconds.get(spec.dtypes[0] ?? "fp32") ?? [];
  for (let rep = 0; !enoughRepetitions(baseline, o.runs, o.extendShort); rep++) {
    const line: string[] = [];
    for (const dtype of rotate(spec.dtypes, rep)) {
      const run = await pass(dtype, spec.limit, String(rep));
      seconds.get(dtype)?.push(run.taskSeconds);
      last.set(dtype, run.result);
      line.push(`${dtype} ${run.taskSeconds.toFixed(3)}s`);
    }
    o.log(`  run ${rep + 1}: ${line.join(" ")}`);
  }
  const samples: PrecisionSample[] = [];
  for (const dtype of spec.dtypes) {
    const result = last.get(dtype);
    if (result === undefined) throw new Error(`the ${dtype} graph did not run`);
    const predictions = (await readPredictions(outputDir(dtype), spec.task)).map((p) => p.prediction);
    const peakRss = o.measureRss
      ? { bytes: await peakRssOfEvaluate(harnessConfig(harness(dtype, spec.limit), join(o.scratch, "rss", dtype), join(o.scratch, `cache-rss-${dtype}`))) }
      : { skipped: "not measured (--no-rss)" };
    samples.push(sampleOf(dtype, result, seconds.get(dtype) ?? [], predictions, peakRss));
  }
  const first = last.get(spec.dtypes[0] ?? "fp32");
  return {
    model: first?.model.name ?? spec.folder,
    task: spec.task,
    n: first?.n ?? 0,
    batchSize: spec.batchSize,
    repetitions: baseline.length,
    rows: precisionRows(samples),
    warnings: nameWarnings(last),
  };
}

/** The precision glue-eval read from each graph should be the one its file name promises. */
function nameWarnings(results: ReadonlyMap<Dtype, TaskResult>): string[] {
  return [...results].flatMap(([dtype, r]) => {
    const read = r.model.precision === undefined ? "nothing" : precisionName(r.model.precision);
    return read === dtype ? [] : [`--dtype ${dtype} (${r.model.file}): glue-eval read ${read} from the graph`];
  });
}

function sampleOf(dtype: Dtype, result: TaskResult, seconds: number[], predictions: unknown[], peakRss: PrecisionSample["peakRss"]): PrecisionSample {
  const primary = catalogue[result.task as TaskName]?.primary ?? Object.keys(result.metrics)[0] ?? "";
  return {
    dtype,
    file: result.model.file,
    precision: result.model.precision === undefined ? "not recorded" : describePrecision(result.model.precision),
    batchOrder: String(result.config.batch_order ?? "not recorded"),
    fileBytes: (result.model.files ?? []).reduce((sum, f) => sum + f.bytes, 0),
    n: result.n,
    seconds,
    predictions,
    metric: { name: primary, value: result.metrics[primary] ?? null },
    peakRss,
  };
}

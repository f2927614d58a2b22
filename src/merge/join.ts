/**
 * `glue-eval merge`: a task's shards joined into the results an unsharded run writes. The
 * task finishes the joined outputs as a run does (predictions, scores over the whole set,
 * SQuAD's files) and the same writer writes them, so that only `date` and `timing` can tell
 * a merged run from an unsharded one.
 */
import { DataError } from "../errors.js";
import { partialOf, type PredictionLine, type TaskResult } from "../results/schema.js";
import { isTaskName } from "../tasks/catalogue/index.js";
import { merges } from "../tasks/join-shards.js";
import type { ShardPart, TaskRun } from "../tasks/interface.js";
import type { ShardOf } from "./plan.js";
import { type WriteOptions, writeTaskOutputs } from "../results/write.js";
import { checkIndexes } from "./indexes.js";

export type ReadPredictions = (file: string) => Promise<PredictionLine[]>;

export interface MergedTask {
  result: TaskResult;
  run: TaskRun;
}

/** Reads and joins the shards of one task (in example order); writes nothing. */
export async function mergeTask(shards: readonly ShardOf[], readLines: ReadPredictions, warn: (message: string) => void): Promise<MergedTask> {
  const first = shards[0];
  if (first === undefined) throw new RangeError("mergeTask needs at least one shard");
  const name = first.result.task;
  if (!isTaskName(name)) throw new DataError({ file: first.file, field: "task" }, `unknown task "${name}"`);
  const parts: ShardPart[] = [];
  const read: { shard: ShardOf; predictions: PredictionLine[] }[] = [];
  for (const s of shards) {
    const predictions = await readLines(s.predictionsFile);
    const expected = s.shard.end - s.shard.start;
    if (predictions.length !== expected) {
      throw new DataError(
        { file: s.predictionsFile },
        `holds ${predictions.length} predictions, but shard ${s.shard.index}/${s.shard.count} has ${expected} examples`,
      );
    }
    read.push({ shard: s, predictions });
    parts.push({ dir: s.dir, result: s.result, predictionsFile: s.predictionsFile, predictions });
  }
  checkIndexes(name, read);
  const scoreWarnings: string[] = [];
  const run = await merges[name]({
    parts,
    warn: (message) => {
      scoreWarnings.push(message);
      warn(message);
    },
  });
  if (run.n !== first.shard.total) throw new DataError({ file: first.file }, `the shards hold ${run.n} examples, not ${first.shard.total}`);
  return { result: mergedResult(shards, run, scoreWarnings), run };
}

/** Writes the merged task as a run writes its results (one set, under the folder's lock); returns the result as written. */
export function writeMerged(outputDir: string, merged: MergedTask, options: WriteOptions): Promise<TaskResult> {
  return writeTaskOutputs(outputDir, merged.result, merged.run.predictions, merged.run.extraFiles, options);
}

/**
 * The first shard's results with the whole set's figures: everything that could change a
 * number is equal in every shard (see plan.ts). Timing holds the shards' sums.
 */
function mergedResult(shards: readonly ShardOf[], run: TaskRun, scoreWarnings: readonly string[]): TaskResult {
  // The shard's companion files are not the merged run's: the writer records those.
  const { shard: _, files: _files, analysis: _analysis, partial, schema, task, split, n: _n, ...base } = (shards[0] as ShardOf).result;
  const sum = (value: (s: ShardOf) => number): number => shards.reduce((total, s) => total + value(s), 0);
  const seconds = sum((s) => s.result.timing.seconds);
  const fed = sum((s) => s.shard.fedTokens);
  return {
    // The keys in the order a run writes them (record.ts), so that the two files compare equal.
    schema,
    task,
    split,
    n: run.n,
    // A shard knows the whole split's size; the merged run is partial only when --limit cut it.
    ...partialOf(run.n, partial?.of ?? run.n),
    ...base,
    features: run.features,
    metrics: run.metrics,
    tunedOnEval: run.tunedOnEval,
    warnings: [...base.warnings, ...scoreWarnings],
    truncated: run.truncated,
    command: wholeRunCommand(base.command),
    date: new Date().toISOString(),
    timing: {
      seconds,
      examplesPerSecond: seconds > 0 ? run.n / seconds : 0,
      tokenizeSeconds: sum((s) => s.result.timing.tokenizeSeconds),
      inferSeconds: sum((s) => s.result.timing.inferSeconds),
      batches: sum((s) => s.result.timing.batches),
      cachedBatches: sum((s) => s.result.timing.cachedBatches),
      paddingFraction: fed > 0 ? 1 - sum((s) => s.shard.realTokens) / fed : 0,
      shards: shards.length,
    },
    ...(run.nonFinite === undefined ? {} : { nonFinite: run.nonFinite }),
    ...(run.crossfit === undefined ? {} : { crossfit: run.crossfit }),
    // Where a run puts it (runner/record.ts), so that the two files read alike.
    ...(run.analysis === undefined ? {} : { analysis: run.analysis }),
  };
}

const PER_SHARD_FLAGS = new Set(["--shard", "--shards", "--device-id"]);

/** A shard's command line without what differs between shards: the command of the equivalent single run. */
export function wholeRunCommand(command: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < command.length; i++) {
    const arg = command[i] as string;
    if (PER_SHARD_FLAGS.has(arg)) i++;
    else if (!PER_SHARD_FLAGS.has(arg.split("=")[0] ?? "")) out.push(arg);
  }
  return out;
}

/**
 * Before a merge writes anything: per task, the shards must come from one model, one data
 * file and one set of flags, each must list its files, and together they must cover every
 * example exactly once (the examples inside are checked by merge-indexes.ts). Each refusal is
 * one line that names the shard.
 */
import { GlueEvalError } from "../errors.js";
import type { ShardInfo, TaskResult } from "../results/schema.js";

/** One shard's results of one task, as found on disk. */
export interface ShardFile {
  /** The shard's folder. */
  dir: string;
  /** Its `<task>.json`. */
  file: string;
  predictionsFile: string;
  result: TaskResult;
}

export type ShardOf = ShardFile & { shard: ShardInfo };

const refuse = (message: string): GlueEvalError => new GlueEvalError("DATA", `cannot merge: ${message}`);
const name = (s: ShardInfo): string => `${s.index}/${s.count}`;
const range = (s: ShardInfo): string => `examples [${s.start}, ${s.end})`;

/** The shards of each task, in example order; throws on the first problem found. */
export function planMerge(where: string, files: readonly ShardFile[]): Map<string, ShardOf[]> {
  const byTask = new Map<string, ShardOf[]>();
  for (const file of files) {
    const shard = file.result.shard;
    if (shard === undefined) throw refuse(`${file.file} is a whole run's results, not a shard's (glue-eval --shard K/N writes those)`);
    // Without the list, nothing ties the predictions beside it to this run of the shard.
    if (file.result.files === undefined)
      throw refuse(`${file.file} lists no files (field "files"), so its predictions cannot be checked; run shard ${name(shard)} again`);
    const list = byTask.get(file.result.task) ?? [];
    list.push({ ...file, shard });
    byTask.set(file.result.task, list);
  }
  if (byTask.size === 0) throw refuse(`no shard results in ${where}`);
  for (const [task, shards] of byTask) {
    shards.sort((a, b) => a.shard.start - b.shard.start || a.shard.end - b.shard.end || a.shard.count - b.shard.count);
    const reference = shards[0] as ShardOf;
    for (const other of shards.slice(1)) {
      const difference = differs(reference.result, other.result, `shard ${name(reference.shard)}`);
      if (difference !== null) throw refuse(`${task} shard ${name(other.shard)} in ${where} ${difference}`);
    }
    checkCover(task, where, shards);
  }
  return byTask;
}

/** What makes two shards' outputs incomparable (b against a, named `ref`); null when they can be joined. */
function differs(a: TaskResult, b: TaskResult, ref: string): string | null {
  const pairs: [string, string, string][] = [
    ["is of another model", a.model.sha256, b.model.sha256],
    ["was run on other data", a.data.sha256, b.data.sha256],
    ["used another tokenizer", a.tokenizer.sha256, b.tokenizer.sha256],
  ];
  for (const [what, x, y] of pairs) if (x !== y) return `${what} than ${ref} (sha256 ${y.slice(0, 12)}… against ${x.slice(0, 12)}…)`;
  const flags = (r: TaskResult) => ({ split: r.split, examples: r.shard?.total, ...r.config });
  const { path: _a, ...modelA } = a.model;
  const { path: _b, ...modelB } = b.model;
  const runtime = (r: TaskResult["runtime"]) => ({ glueEval: r.glueEval, onnxruntime: r.onnxruntime, executionProvider: r.executionProvider });
  const groups: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ["was run with other flags", flags(a), flags(b)],
    ["has other model settings", modelA, modelB],
    ["ran on another runtime", runtime(a.runtime), runtime(b.runtime)],
  ];
  for (const [what, x, y] of groups) {
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      const before = JSON.stringify(x[key]) ?? "none";
      const after = JSON.stringify(y[key]) ?? "none";
      if (before !== after) return `${what} than ${ref} (${key} ${after} against ${before})`;
    }
  }
  return null;
}

/** Sorted by start: each shard must begin where the previous one ended, and the last end at the total. */
function checkCover(task: string, where: string, shards: readonly ShardOf[]): void {
  let covered = 0;
  let last: ShardOf | null = null;
  for (const s of shards) {
    if (s.shard.start > covered) throw missing(task, where, shards, covered, s.shard.start);
    if (s.shard.start < covered && s.shard.end > s.shard.start && last !== null) {
      throw refuse(
        `${task} shard ${name(s.shard)} (${range(s.shard)}) overlaps shard ${name(last.shard)} (${range(last.shard)}) in ${where}; remove the stale one`,
      );
    }
    if (s.shard.end >= covered) {
      covered = s.shard.end;
      last = s;
    }
  }
  const total = shards[0]?.shard.total ?? 0;
  if (covered < total) throw missing(task, where, shards, covered, total);
}

function missing(task: string, where: string, shards: readonly ShardOf[], from: number, to: number): GlueEvalError {
  const count = shards[0]?.shard.count ?? 0;
  const found = shards.map((s) => name(s.shard)).join(", ");
  if (shards.every((s) => s.shard.count === count)) {
    const present = new Set(shards.map((s) => s.shard.index));
    const absent = Array.from({ length: count }, (_, k) => k).filter((k) => !present.has(k));
    const names = absent.map((k) => `${k}/${count}`);
    const verb = names.length === 1 ? "is" : "are";
    return refuse(
      `${task} shard${names.length === 1 ? "" : "s"} ${names.join(", ")} ${verb} missing from ${where} (found ${found}); run ${names.length === 1 ? "it" : "them"} first`,
    );
  }
  return refuse(`${task} examples [${from}, ${to}) are in no shard in ${where} (found ${found})`);
}

/**
 * The shard rows: the same evaluation as one process with SINGLE_THREADS onnxruntime threads and
 * as SHARDS processes (`--shard K/N`) with one thread each, started together, then `glue-eval
 * merge`; every one a separate process of the CLI, timed from its start to its exit. The two
 * take turns at going first. Each process gets an empty model-output cache that already holds
 * the model's file digests (from the warm-up), as on any run after the first on a machine.
 */
import { readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { oneLine } from "../../src/errors.js";
import { modelLocation, ROOT } from "../paths.js";
import type { CaseSpec } from "../prepare.js";
import { rotate, type SkippedCase } from "../result.js";
import { WARMUP_BATCHES } from "../types.js";
import { ensureBenchModel } from "../weights.js";
import { type CliCase, evaluateArgs, shardPlans, shardRatios } from "./args.js";
import { type CliPartOptions, mergeMissing, seededCache, wallSeconds } from "../spawn.js";
import type { ShardResult, ShardRow } from "./types.js";

export const SHARDS = 2;
export const SINGLE_THREADS = 2;

export type ShardOptions = CliPartOptions;

export async function benchShards(specs: readonly CaseSpec[], o: ShardOptions): Promise<ShardResult> {
  const missing = mergeMissing(o.cli);
  if (missing !== null) {
    o.log(`bench: shard rows not run: ${missing}`);
    return { skipped: missing };
  }
  const rows: Array<ShardRow | SkippedCase> = [];
  for (const [i, spec] of specs.entries()) {
    o.log(`bench: shards, ${spec.model} ${spec.task}${spec.limit === null ? "" : ` (first ${spec.limit})`}`);
    try {
      rows.push(await shardCase(spec, { ...o, scratch: join(o.scratch, String(i)) }));
    } catch (error) {
      const reason = error instanceof Error ? oneLine(error.message) : String(error);
      o.log(`bench: shards, ${spec.model} ${spec.task} not run: ${reason}`);
      rows.push({ model: spec.model, task: spec.task, skipped: reason });
    }
  }
  // Named from the repository root: the report is committed, and the machine's folders say nothing.
  return { cli: relative(ROOT, o.cli), shards: SHARDS, singleThreads: SINGLE_THREADS, rows };
}

async function shardCase(spec: CaseSpec, o: ShardOptions): Promise<ShardRow> {
  const location = modelLocation(spec.model);
  if (location.kind === "bench") ensureBenchModel(basename(location.path), location.path, o.log);
  const c: CliCase = {
    model: location.path,
    task: spec.task,
    limit: spec.limit,
    batchSize: spec.batchSize,
    maxSeqLength: spec.maxSeqLength,
    dataDir: o.dataDir,
  };
  const warm = join(o.scratch, "warm-up");
  if (o.warmup) {
    const prefix = Math.min(spec.limit ?? Number.POSITIVE_INFINITY, WARMUP_BATCHES * spec.batchSize);
    await wallSeconds(o.cli, [
      evaluateArgs({ ...c, limit: prefix }, { outputDir: join(warm, "out"), cacheDir: join(warm, "cache"), threads: SINGLE_THREADS, shard: null }),
    ]);
  }
  const t = { single: [] as number[], sharded: [] as number[], merge: [] as number[] };
  let dirs = { one: "", many: "" };
  for (let rep = 0; rep < o.runs; rep++) {
    const at = join(o.scratch, String(rep));
    dirs = { one: join(at, "one"), many: join(at, "sharded") };
    const single = async (): Promise<void> => {
      t.single.push(
        await wallSeconds(o.cli, [
          evaluateArgs(c, { outputDir: dirs.one, cacheDir: seededCache(warm, join(at, "cache-one")), threads: SINGLE_THREADS, shard: null }),
        ]),
      );
    };
    const sharded = async (): Promise<void> => {
      const plans = shardPlans(SHARDS, dirs.many, seededCache(warm, join(at, "cache-sharded")));
      t.sharded.push(
        await wallSeconds(
          o.cli,
          plans.map((p) => evaluateArgs(c, p)),
        ),
      );
      t.merge.push(await wallSeconds(o.cli, [["merge", dirs.many]]));
    };
    for (const step of rotate([single, sharded], rep)) await step();
    o.log(
      `  run ${rep + 1}/${o.runs}: 1 × ${SINGLE_THREADS} threads ${t.single.at(-1)?.toFixed(2)}s, ${SHARDS} shards × 1 thread ${t.sharded.at(-1)?.toFixed(2)}s, merge ${t.merge.at(-1)?.toFixed(2)}s`,
    );
  }
  const one = readResult(dirs.one, spec.task);
  const merged = readResult(dirs.many, spec.task);
  return {
    model: basename(location.path),
    task: spec.task,
    n: one.n,
    ...shardRatios(t),
    sameAsSingle: {
      predictions: readFileSync(join(dirs.one, `${spec.task}.predictions.jsonl`)).equals(readFileSync(join(dirs.many, `${spec.task}.predictions.jsonl`))),
      metrics: JSON.stringify(one.metrics) === JSON.stringify(merged.metrics),
    },
  };
}

function readResult(dir: string, task: string): { n: number; metrics: unknown } {
  return JSON.parse(readFileSync(join(dir, `${task}.json`), "utf8")) as { n: number; metrics: unknown };
}

/**
 * The overlap rows: one CLI process evaluates a model on several tasks, at one onnxruntime thread
 * and at one per core, with `--overlap off` and `--overlap on`; each a separate process timed
 * from its start to its exit. The four set-ups take turns at going first. Every process gets an
 * empty model-output cache that already holds the model's file digests (from the warm-up).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join, relative } from "node:path";
import { oneLine } from "../../src/errors.js";
import { modelLocation, ROOT } from "../paths.js";
import { rotate, type SkippedCase } from "../result.js";
import { evaluateArgs } from "../shards/args.js";
import { type CliPartOptions, seededCache, wallSeconds } from "../spawn.js";
import { spread } from "../stats.js";
import { WARMUP_BATCHES } from "../types.js";
import { ensureBenchModel } from "../weights.js";
import type { OverlapResult, OverlapRow, OverlapTiming } from "./types.js";

export interface OverlapCase {
  /** Fixture or bench model name, or a folder. */
  model: string;
  /** A --task list of two or more tasks the model can run. */
  tasks: string;
  limit: number | null;
  batchSize: number;
}

export type OverlapOptions = CliPartOptions;

export async function benchOverlap(cases: readonly OverlapCase[], o: OverlapOptions): Promise<OverlapResult> {
  if (!existsSync(o.cli)) return { skipped: `${o.cli} is missing (npm run bench builds it; --cli names another)` };
  const rows: Array<OverlapRow | SkippedCase> = [];
  for (const [i, c] of cases.entries()) {
    const title = `overlap, ${c.model} ${c.tasks}${c.limit === null ? "" : ` (first ${c.limit} of each)`}`;
    o.log(`bench: ${title}`);
    try {
      rows.push(await overlapCase(c, { ...o, scratch: join(o.scratch, String(i)) }));
    } catch (error) {
      const reason = error instanceof Error ? oneLine(error.message) : String(error);
      o.log(`bench: ${title} not run: ${reason}`);
      rows.push({ model: c.model, task: c.tasks, skipped: reason });
    }
  }
  return { cli: relative(ROOT, o.cli), cores: availableParallelism(), rows };
}

interface Setup {
  threads: number;
  overlap: "on" | "off";
}

async function overlapCase(c: OverlapCase, o: OverlapOptions): Promise<OverlapRow> {
  const location = modelLocation(c.model);
  if (location.kind === "bench") ensureBenchModel(basename(location.path), location.path, o.log);
  const cores = availableParallelism();
  const threadCounts = [...new Set([1, cores])];
  const setups: Setup[] = threadCounts.flatMap((threads) => [
    { threads, overlap: "off" as const },
    { threads, overlap: "on" as const },
  ]);
  const cli = { model: location.path, task: c.tasks, limit: c.limit, batchSize: c.batchSize, maxSeqLength: null, dataDir: o.dataDir };
  const args = (s: Setup, outputDir: string, cacheDir: string, limit = c.limit): string[] => [
    ...evaluateArgs({ ...cli, limit }, { outputDir, cacheDir, threads: s.threads, shard: null }),
    "--overlap",
    s.overlap,
  ];
  const warm = join(o.scratch, "warm-up");
  if (o.warmup) {
    const prefix = Math.min(c.limit ?? Number.POSITIVE_INFINITY, WARMUP_BATCHES * c.batchSize);
    await wallSeconds(o.cli, [args({ threads: cores, overlap: "on" }, join(warm, "out"), join(warm, "cache"), prefix)]);
  }
  const times = new Map<string, number[]>(setups.map((s) => [key(s), []]));
  const outputs: string[] = [];
  for (let rep = 0; rep < o.runs; rep++) {
    for (const s of rotate(setups, rep)) {
      const at = join(o.scratch, String(rep), key(s));
      times.get(key(s))?.push(await wallSeconds(o.cli, [args(s, join(at, "out"), seededCache(warm, join(at, "cache")))]));
      outputs.push(join(at, "out"));
    }
    o.log(`  run ${rep + 1}/${o.runs}: ${setups.map((s) => `${key(s)} ${times.get(key(s))?.at(-1)?.toFixed(2)}s`).join(", ")}`);
  }
  const timings = threadCounts.map((threads): OverlapTiming => {
    const off = spread(times.get(key({ threads, overlap: "off" })) ?? []);
    const on = spread(times.get(key({ threads, overlap: "on" })) ?? []);
    return { threads, off, on, ratio: on.median / off.median, auto: threads < cores ? "on" : "off" };
  });
  const first = outputs[0] as string;
  return {
    model: basename(location.path),
    tasks: c.tasks,
    n: examplesIn(first),
    repetitions: o.runs,
    timings,
    samePredictions: outputs.every((dir) => samePredictions(first, dir)),
  };
}

const key = (s: Setup): string => `threads ${s.threads} overlap ${s.overlap}`;

const predictionFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".predictions.jsonl"))
    .sort();

function samePredictions(a: string, b: string): boolean {
  const files = predictionFiles(a);
  if (files.join() !== predictionFiles(b).join()) return false;
  return files.every((f) => readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
}

function examplesIn(dir: string): number {
  const results = readdirSync(dir).filter((f) => f.endsWith(".json"));
  return results.reduce((sum, f) => sum + (JSON.parse(readFileSync(join(dir, f), "utf8")) as { n: number }).n, 0);
}

/**
 * The worker rows: one evaluation as a whole process of the CLI with `--nproc 1`, `--nproc 2`
 * and `--nproc auto` (onnxruntime's threads left at their default, one per core over the
 * workers), and the raw tokenize-then-infer loop as a process of its own, each timed from its
 * start to its exit, the four taking turns at going first. Each glue-eval process gets an empty
 * model-output cache that already holds the model's file digests (from the warm-up). The peak
 * memory of each set-up comes from one more run, sampled (tree-rss.ts), so that the sampling
 * never slows a timed run.
 */
import { readFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { oneLine } from "../../src/errors.js";
import type { TaskResult } from "../../src/results/schema.js";
import { modelLocation, ROOT } from "../paths.js";
import type { CaseSpec } from "../prepare.js";
import { rotate, type SkippedCase } from "../result.js";
import { type CliCase, evaluateArgs } from "../shards/args.js";
import { type CliPartOptions, mergeMissing, seededCache, wallSeconds } from "../spawn.js";
import { spread } from "../stats.js";
import { WARMUP_BATCHES } from "../types.js";
import { ensureBenchModel } from "../weights.js";
import { peakTreeRss } from "./tree-rss.js";
import type { NprocResult, NprocRow, NprocSetup } from "./types.js";

const RAW_LOOP = join(dirname(fileURLToPath(import.meta.url)), "raw-loop.js");
export const SETUPS = ["1", "2", "auto"] as const;

export type NprocOptions = CliPartOptions & { measureRss: boolean };

export async function benchNproc(specs: readonly CaseSpec[], o: NprocOptions): Promise<NprocResult> {
  // A CLI with `merge` has the shards the workers are cut as; `--nproc` itself is checked by its first run.
  const missing = mergeMissing(o.cli);
  if (missing !== null) {
    o.log(`bench: worker rows not run: ${missing}`);
    return { skipped: missing };
  }
  const rows: Array<NprocRow | SkippedCase> = [];
  for (const [i, spec] of specs.entries()) {
    o.log(`bench: workers, ${spec.model} ${spec.task}${spec.limit === null ? "" : ` (first ${spec.limit})`}`);
    try {
      rows.push(await nprocCase(spec, { ...o, scratch: join(o.scratch, String(i)) }));
    } catch (error) {
      const reason = error instanceof Error ? oneLine(error.message) : String(error);
      o.log(`bench: workers, ${spec.model} ${spec.task} not run: ${reason}`);
      rows.push({ model: spec.model, task: spec.task, skipped: reason });
    }
  }
  return { cli: relative(ROOT, o.cli), rows };
}

/** glue-eval's command line with `--nproc`, its threads at the default. */
function glueEvalArgs(c: CliCase, nproc: string, outputDir: string, cacheDir: string): string[] {
  const args = evaluateArgs(c, { outputDir, cacheDir, threads: 0, shard: null });
  return [...args, "--nproc", nproc];
}

async function nprocCase(spec: CaseSpec, o: NprocOptions): Promise<NprocRow> {
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
    const prefix = { ...c, limit: Math.min(spec.limit ?? Number.POSITIVE_INFINITY, WARMUP_BATCHES * spec.batchSize) };
    await wallSeconds(o.cli, [glueEvalArgs(prefix, "1", join(warm, "out"), join(warm, "cache"))]);
    await wallSeconds(RAW_LOOP, [[JSON.stringify(prefix)]]);
  }
  const times = new Map<string, number[]>([["raw", []], ...SETUPS.map((s): [string, number[]] => [s, []])]);
  const out = (setup: string, rep: number | "rss"): string => join(o.scratch, String(rep), setup);
  const cache = (setup: string, rep: number | "rss"): string => seededCache(warm, join(o.scratch, String(rep), `${setup}-cache`));
  for (let rep = 0; rep < o.runs; rep++) {
    const steps = [
      async () => times.get("raw")?.push(await wallSeconds(RAW_LOOP, [[JSON.stringify(c)]])),
      ...SETUPS.map((s) => async () => times.get(s)?.push(await wallSeconds(o.cli, [glueEvalArgs(c, s, out(s, rep), cache(s, rep))]))),
    ];
    for (const step of rotate(steps, rep)) await step();
    o.log(
      `  run ${rep + 1}/${o.runs}: ${[...times].map(([name, t]) => `${name === "raw" ? "raw loop" : `--nproc ${name}`} ${t.at(-1)?.toFixed(2)}s`).join(", ")}`,
    );
  }
  const rss = async (script: string, args: string[]): Promise<number | null> => (o.measureRss ? peakTreeRss(script, args) : null);
  const raw = spread(times.get("raw") ?? []);
  const one = spread(times.get("1") ?? []);
  const last = o.runs - 1;
  const read = (setup: string): TaskResult => JSON.parse(readFileSync(join(out(setup, last), `${spec.task}.json`), "utf8")) as TaskResult;
  const predictions = (setup: string): Buffer => readFileSync(join(out(setup, last), `${spec.task}.predictions.jsonl`));
  const setups: NprocSetup[] = [];
  for (const s of SETUPS) {
    const wall = spread(times.get(s) ?? []);
    const workers = read(s).timing.workers;
    const peakRssBytes = await rss(o.cli, glueEvalArgs(c, s, out(s, "rss"), cache(s, "rss")));
    setups.push({
      nproc: s,
      workers: workers?.count ?? 1,
      rule: s === "auto" ? (workers?.rule ?? null) : null,
      wall,
      overRaw: wall.median / raw.median,
      overOne: wall.median / one.median,
      peakRssBytes,
    });
  }
  return {
    model: basename(location.path),
    task: spec.task,
    n: read("1").n,
    repetitions: o.runs,
    raw,
    rawPeakRssBytes: await rss(RAW_LOOP, [JSON.stringify(c)]),
    setups,
    samePredictions: SETUPS.every((s) => predictions(s).equals(predictions("1"))),
  };
}

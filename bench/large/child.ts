/**
 * Child of large/run.ts: one step of the large-model case in a process of its own, so that its
 * peak RSS and its mappings are its own. Prints one JSON line.
 * - load: the model digest twice (first on an empty digest cache, then served from it), then an
 *   onnxruntime session on the graph, timed, and the process's memory with the session open;
 * - evaluate: one runEvaluation(), and the process's memory after inference while its session is
 *   still open (runModel reports each written task before it releases the session).
 */
import { inspectModel } from "../../src/model/inspect.js";
import { openSession } from "../../src/model/session.js";
import { runEvaluation } from "../../src/runner/run-evaluation.js";
import { type ProcSnapshot, readProc } from "./proc.js";
import type { EvaluateOutput, LargeJob, LoadOutput } from "./types.js";

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

function memory(dataFile: string): ProcSnapshot {
  const s = readProc("self", dataFile);
  if (s === null) throw new Error("/proc/self is not readable (the large case needs Linux)");
  return s;
}

async function load(job: Extract<LargeJob, { mode: "load" }>): Promise<LoadOutput> {
  const first = await timed(() => inspectModel(job.onnxPath, job.graphFile, job.cacheDir));
  const cached = await timed(() => inspectModel(job.onnxPath, job.graphFile, job.cacheDir));
  if (cached.value.sha256 !== first.value.sha256) throw new Error(`the cached digest ${cached.value.sha256} differs from the computed ${first.value.sha256}`);
  const session = await timed(() => openSession(job.onnxPath, { threads: job.threads, executionProvider: "cpu" }));
  const afterLoad = memory(job.dataFile);
  await session.value.release();
  return {
    sha256: first.value.sha256,
    firstSeconds: first.seconds,
    cachedSeconds: cached.seconds,
    loadSeconds: session.seconds,
    afterLoad,
    peakRssBytes: memory(job.dataFile).peakRssBytes,
  };
}

async function evaluate(job: Extract<LargeJob, { mode: "evaluate" }>): Promise<EvaluateOutput> {
  const seen: { afterInference: ProcSnapshot | null } = { afterInference: null };
  const hooks = {
    warn: (): void => {},
    info: (): void => {
      seen.afterInference ??= memory(job.dataFile);
    },
  };
  const { value: runs, seconds } = await timed(() => runEvaluation(job.config, hooks));
  const result = runs[0]?.results[0];
  if (result === undefined || seen.afterInference === null) throw new Error("runEvaluation() returned no result");
  return {
    n: result.n,
    taskSeconds: result.timing.seconds,
    wholeCallSeconds: seconds,
    afterInference: seen.afterInference,
    peakRssBytes: memory(job.dataFile).peakRssBytes,
  };
}

// Written by large/run.ts from a job it built itself.
const job = JSON.parse(process.argv[2] ?? "null") as LargeJob;
const out = job.mode === "load" ? await load(job) : await evaluate(job);
process.stdout.write(`${JSON.stringify(out)}\n`);

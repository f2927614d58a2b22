/**
 * A run split over worker processes (`--nproc`). Each worker evaluates its slice of every task
 * into a private folder outside the results folder; once every worker has written a task, it is
 * joined (join.ts) and written where one process writes it, while the workers go on with the
 * next. The private folder is removed on every way out. SIGINT and SIGTERM end every worker and
 * then the run, by the same signal, as they end a run in one process.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PredictionLine, TaskResult } from "../../results/schema.js";
import { GlueEvalError, ioReason, throwIfAborted } from "../../errors.js";
import { isProcessAlive } from "../../util/process-identity.js";
import { exampleProgress, type Progress } from "../../util/progress.js";
import type { Hooks, RunConfig } from "../config.js";
import type { ModelTarget } from "../run-model.js";
import { shardFolder } from "../shard.js";
import { ProgressBoard } from "./board.js";
import { joinWorkers, readOwnPredictions } from "./join.js";
import { type WorkerPlan, workerConfig } from "./plan.js";
import { Interrupted, type Pool, startPool } from "./pool.js";

/** The worker's script, built beside this file. */
export const CHILD_SCRIPT = fileURLToPath(new URL("./child.js", import.meta.url));

/** `<tmpdir>/glue-eval-workers-<pid>-<random>`: the pid tells a killed run's folder from a live one's. */
const PREFIX = "glue-eval-workers-";

/** Folders of runs that were killed outright (SIGKILL gives no chance to clean up). */
function removeAbandoned(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^glue-eval-workers-(\d+)-/.exec(name)?.[1]);
    if (!Number.isSafeInteger(pid) || pid === process.pid || isProcessAlive(pid)) continue;
    try {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // Another user's, or already going: not this run's to clean.
    }
  }
}

/** The model rows' results as written, in the order one process writes them. */
export async function runInWorkers(
  config: RunConfig,
  targets: readonly ModelTarget[],
  plan: WorkerPlan,
  hooks: Hooks,
  script = CHILD_SCRIPT,
): Promise<TaskResult[][]> {
  // Run from the TypeScript sources (a test), there is no built worker beside this file.
  if (!existsSync(script)) throw new Error(`the worker script ${script} is missing: --nproc runs the built glue-eval (npm run build)`);
  let signalled: NodeJS.Signals | null = null;
  let pool: Pool | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    signalled ??= signal;
    void pool?.stop(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let folder: string | null = null;
  try {
    removeAbandoned();
    folder = await mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`)).catch((error: unknown) => {
      throw new GlueEvalError("IO", `${tmpdir()}: cannot make the workers' folder (${ioReason(error)}); TMPDIR names another`, { cause: error });
    });
    if (signalled !== null) throw new Interrupted(signalled);
    const outcome = await evaluate(config, targets, plan, hooks, folder, script, (started) => {
      pool = started;
    });
    if (signalled !== null) throw new Interrupted(signalled);
    return outcome;
  } catch (error) {
    if (signalled !== null) throw new Interrupted(signalled);
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    if (folder !== null) await rm(folder, { recursive: true, force: true });
    // The signal's own effect, now that the workers and their folder are gone (a listener of the caller's still gets it).
    if (signalled !== null) process.kill(process.pid, signalled);
  }
}

async function evaluate(
  config: RunConfig,
  targets: readonly ModelTarget[],
  plan: WorkerPlan,
  hooks: Hooks,
  folder: string,
  script: string,
  started: (pool: Pool) => void,
): Promise<TaskResult[][]> {
  const model = (row: number): string => targets[row]?.name ?? "";
  const bars = new Map<string, Progress>();
  // One process's events and bar, from every worker's.
  const board =
    config.progress || hooks.progress !== undefined
      ? new ProgressBoard(plan.count, (event) => {
          const key = `${event.model} ${event.task}`;
          if (event.type === "task-start") bars.set(key, exampleProgress(key, event.total, config.progress));
          else bars.get(key)?.update(event.done);
          hooks.progress?.(event);
        })
      : null;
  const rows = targets.map((target, row) => ({ ...target, outputDir: join(folder, String(row)) }));
  const cores = availableParallelism();
  const starts = Array.from({ length: plan.count }, (_, i) => ({
    config: workerConfig(config, plan, i, folder, cores),
    targets: rows,
    progress: board !== null,
  }));
  const results: TaskResult[][] = targets.map(() => []);
  // Each worker's predictions are read as soon as it has written them, while the others go on.
  const early = new Map<string, Promise<PredictionLine[]>>();
  const read = (file: string): Promise<PredictionLine[]> => {
    const found = early.get(file);
    early.delete(file);
    return found ?? readOwnPredictions(file);
  };
  let writing = Promise.resolve();
  let writeError: unknown = null;
  const join1 = async (row: number, task: string, dirs: string[]): Promise<void> => {
    if (writeError !== null) return;
    // Once aborted, not a file more.
    throwIfAborted(hooks.signal);
    const target = targets[row] as ModelTarget;
    const joined = await joinWorkers(config, plan, target.outputDir, task, dirs, hooks, read);
    const { result } = joined;
    const { cachedBatches, batches } = result.timing;
    if (cachedBatches > 0) hooks.info(`${target.name} ${task}: reused ${cachedBatches} of ${batches} batches from the cache`);
    const dir = config.shard === undefined ? target.outputDir : shardFolder(target.outputDir, config.shard);
    if (config.write !== false) hooks.info(`${target.name} ${task}: wrote ${join(dir, `${task}.json`)}`);
    const predictions = config.keepPredictions === true ? { predictions: await joined.predictions() } : {};
    hooks.progress?.({ type: "task-end", model: target.name, task, result, ...predictions });
    results[row]?.push(result);
  };
  const pool = startPool({
    script,
    starts,
    warn: hooks.warn,
    progress: (worker, message) => {
      if (message.kind === "progress-start") board?.start(worker, model(message.row), message.task, message.total);
      else board?.update(worker, model(message.row), message.task, message);
    },
    wroteOne: (worker, row, task, dir) => {
      board?.finished(worker, model(row), task);
      if (config.shard !== undefined) return;
      const file = join(dir, `${task}.predictions.jsonl`);
      const lines = readOwnPredictions(file);
      // A file that cannot be read is the join's to report, when it reads it.
      lines.catch(() => undefined);
      early.set(file, lines);
    },
    // Tasks are joined one at a time, in the order the workers finish them: one process's order.
    written: (row, task, dirs) => {
      const key = `${model(row)} ${task}`;
      bars.get(key)?.end();
      bars.delete(key);
      writing = writing
        .then(() => join1(row, task, dirs))
        .catch((error: unknown) => {
          writeError ??= error;
          void pool.stop("SIGTERM");
        });
    },
  });
  started(pool);
  const aborted = (): void => void pool.stop("SIGTERM");
  hooks.signal?.addEventListener("abort", aborted, { once: true });
  try {
    const failure = await pool.done.then(
      () => null,
      (error: unknown) => error,
    );
    // A task being written when a worker failed is finished first, as one process would have written it.
    await writing;
    throwIfAborted(hooks.signal);
    if (writeError !== null) throw writeError;
    if (failure !== null) throw failure;
    return results;
  } finally {
    hooks.signal?.removeEventListener("abort", aborted);
  }
}

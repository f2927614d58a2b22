/**
 * A worker of `--nproc`, started by pool.ts with child_process.fork: it evaluates its slice of
 * every task of every model row into its own folder, as `--shard` does, and tells its parent
 * what it does over IPC. It stops when its parent goes away.
 */
import type { Hooks, RunConfig } from "../config.js";
import type { ProgressEvent } from "../events.js";
import { keepForTheRun, keepNothing } from "../input-memo.js";
import { type ModelTarget, runModel } from "../run-model.js";
import { shardFolder } from "../shard.js";
import { failureOf, type WorkerMessage, type WorkerStart } from "./protocol.js";

/** At most one progress message per this many milliseconds: the parent redraws no faster. */
const PROGRESS_MS = 100;

let finished = false;

/** Resolves once the message is handed to the channel (or at once when the parent is gone). */
function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined || !process.connected) resolve();
    else process.send(message, undefined, undefined, () => resolve());
  });
}

/** Model row `row`'s events as messages: inference begun and going on (when the parent shows it), the task written. */
function reporter(config: RunConfig, target: ModelTarget, row: number, progress: boolean): (event: ProgressEvent) => void {
  let last = 0;
  return (event) => {
    const { task } = event;
    if (event.type === "task-end") {
      if (config.shard === undefined) throw new Error("a worker runs a shard");
      void send({ kind: "written", row, task, dir: shardFolder(target.outputDir, config.shard) });
      return;
    }
    if (!progress) return;
    if (event.type === "task-start") {
      void send({ kind: "progress-start", row, task, total: event.total });
      return;
    }
    const now = Date.now();
    if (now - last < PROGRESS_MS && event.done < event.total) return;
    last = now;
    void send({ kind: "progress", row, task, done: event.done, batch: event.batch, batches: event.batches });
  };
}

async function work({ config, targets, progress }: WorkerStart): Promise<void> {
  const hooks: Hooks = {
    warn: (message) => void send({ kind: "warn", message }),
    // The parent says what the run did (the cache reused, the files written), once for all workers.
    info: () => undefined,
  };
  try {
    const inputs = targets.length > 1 ? keepForTheRun() : keepNothing;
    for (const [row, target] of targets.entries()) await runModel(config, target, { ...hooks, progress: reporter(config, target, row, progress) }, inputs);
    await send({ kind: "done" });
  } catch (error) {
    const failure = failureOf(error);
    process.exitCode = failure.exitCode;
    await send({ kind: "failed", failure });
  }
  finished = true;
  process.disconnect?.();
}

// Without its parent, a worker's results have no reader.
process.on("disconnect", () => {
  if (!finished) process.exit(1);
});
process.once("message", (start: WorkerStart) => void work(start));

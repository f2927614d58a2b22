/**
 * A worker of `--nproc`, started by pool.ts with child_process.fork: it evaluates its slice of
 * every task of every model row into its own folder, as `--shard` does, and tells its parent
 * what it does over IPC. It stops when its parent goes away.
 */
import type { Progress, ProgressFactory } from "../../util/progress.js";
import type { Hooks } from "../config.js";
import { keepForTheRun, keepNothing } from "../input-memo.js";
import { runModel } from "../run-model.js";
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

const progressToParent: ProgressFactory = (label, total): Progress => {
  void send({ kind: "progress-start", label, total: total ?? 0 });
  let last = 0;
  return {
    update(done) {
      const now = Date.now();
      if (now - last < PROGRESS_MS) return;
      last = now;
      void send({ kind: "progress", label, done });
    },
    end() {
      void send({ kind: "progress-end", label });
    },
  };
};

async function work({ config, targets, progress }: WorkerStart): Promise<void> {
  const hooks: Hooks = {
    warn: (message) => void send({ kind: "warn", message }),
    // The parent says what the run did (the cache reused, the files written), once for all workers.
    info: () => undefined,
    ...(progress ? { progress: progressToParent } : {}),
  };
  try {
    const inputs = targets.length > 1 ? keepForTheRun() : keepNothing;
    for (const [row, target] of targets.entries()) {
      await runModel(config, target, { ...hooks, written: (dir, result) => void send({ kind: "written", row, task: result.task, dir }) }, inputs);
    }
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

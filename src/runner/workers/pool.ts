/**
 * The worker processes of one run: started with child_process.fork, each given its start
 * message; their warnings said once, their progress passed on, and a task handed on once
 * every worker has written it. The first worker that fails stops the others;
 * the run then fails with that worker's error.
 */
import { type ChildProcess, fork } from "node:child_process";
import { constants } from "node:os";
import { GlueEvalError } from "../../errors.js";
import { errorOf, type WorkerMessage, type WorkerStart } from "./protocol.js";

export interface PoolOptions {
  /** The worker's script (child.js). */
  script: string;
  /** One per worker. */
  starts: readonly WorkerStart[];
  warn(message: string): void;
  /** A worker's inference began or went on. */
  progress?(worker: number, message: Extract<WorkerMessage, { kind: "progress-start" | "progress" }>): void;
  /** One worker has written model row `row`'s `task` into its folder `dir`. */
  wroteOne?(worker: number, row: number, task: string, dir: string): void;
  /** Every worker has written model row `row`'s `task`, each into its folder (in worker order). */
  written(row: number, task: string, dirs: string[]): void;
}

export interface Pool {
  /** Resolves when every worker has finished; rejects with the first worker's error once every worker has exited. */
  done: Promise<void>;
  /** Ends every worker still running with `signal`; resolves once all have exited. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function startPool(options: PoolOptions): Pool {
  const count = options.starts.length;
  const warned = new Set<string>();
  const pending = new Map<string, (string | undefined)[]>();
  const finished = new Array<boolean>(count).fill(false);
  let failure: Error | null = null;
  let stopping = false;

  const children: ChildProcess[] = [];
  const exits: Promise<Exit>[] = [];
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    stopping = true;
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await Promise.all(exits);
  };
  const fail = (error: Error): void => {
    if (failure !== null || stopping) return;
    failure = error;
    void stop("SIGTERM");
  };

  const receive = (worker: number, message: WorkerMessage): void => {
    switch (message.kind) {
      case "warn":
        // Every worker reads the same flags and model: a warning about them is said once.
        if (!warned.has(message.message)) options.warn(message.message);
        warned.add(message.message);
        return;
      case "progress-start":
      case "progress":
        options.progress?.(worker, message);
        return;
      case "written": {
        const key = `${message.row}\u0000${message.task}`;
        const dirs = pending.get(key) ?? new Array<string | undefined>(count).fill(undefined);
        dirs[worker] = message.dir;
        pending.set(key, dirs);
        options.wroteOne?.(worker, message.row, message.task, message.dir);
        if (dirs.every((d) => d !== undefined)) {
          pending.delete(key);
          options.written(message.row, message.task, dirs as string[]);
        }
        return;
      }
      case "failed":
        fail(errorOf(message.failure));
        return;
      case "done":
        finished[worker] = true;
        return;
    }
  };

  for (const [worker, start] of options.starts.entries()) {
    // stdout is the run's (--json); a worker says everything through its parent.
    const child = fork(options.script, [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
    children.push(child);
    child.on("message", (message: WorkerMessage) => receive(worker, message));
    exits.push(
      new Promise<Exit>((resolve) => {
        // "close", not "exit": it comes after the last message, so a worker's own error is known by then.
        child.once("close", (code, signal) => {
          if (!finished[worker]) fail(ended(worker, count, { code, signal }));
          resolve({ code, signal });
        });
        child.once("error", (error) => {
          fail(new GlueEvalError("IO", `worker ${worker + 1} of ${count} could not be started (${error.message})`));
          resolve({ code: null, signal: null });
        });
      }),
    );
    child.send(start);
  }

  const done = Promise.all(exits).then(() => {
    if (failure !== null) throw failure;
    if (!finished.every(Boolean)) throw new GlueEvalError("IO", "the workers were stopped before they finished");
  });
  return { done, stop };
}

/** The run was stopped by a signal (to glue-eval, or to a worker, as Ctrl-C sends it to all of them): it ends by the same signal. */
export class Interrupted extends GlueEvalError {
  constructor(readonly signal: NodeJS.Signals) {
    super("IO", `stopped by ${signal}`, { exitCode: 128 + (constants.signals[signal] ?? 0) });
  }
}

function ended(worker: number, count: number, exit: Exit): GlueEvalError {
  if (exit.signal === "SIGINT" || exit.signal === "SIGTERM") return new Interrupted(exit.signal);
  const how = exit.signal === null ? `with exit code ${exit.code}` : `by ${exit.signal}`;
  return new GlueEvalError("IO", `worker ${worker + 1} of ${count} ended ${how} before it finished; the results folder was left as it was`);
}

/**
 * The tasks of one model, one after another, with the next task's reading and tokenization
 * overlapped with this task's inference. Everything that leaves the task (its inference, its
 * messages, its results files) still happens in task order; only the work before its first
 * inference call moves earlier, so every output is what a sequential run gives.
 */
import type { Hooks } from "./config.js";

/** How a task waits for its turn at the model. */
export interface Turn {
  /** The task asks for inference: its reading and tokenization are done. */
  asked(): void;
  /** Resolves when the task may run inference (every earlier task is written); rejects when the run stopped before its turn. */
  readonly ready: Promise<void>;
}

/** The task before this one failed: this one never runs inference. */
export class TurnCancelled extends Error {
  constructor() {
    super("an earlier task failed");
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Messages held until the task's turn, then passed on in the order given; dropped if the turn never comes. */
function heldHooks(target: Hooks): { hooks: Hooks; release(): void } {
  let held: (() => void)[] | null = [];
  const call = (send: () => void): void => {
    if (held === null) send();
    else held.push(send);
  };
  return {
    hooks: { ...target, warn: (m) => call(() => target.warn(m)), info: (m) => call(() => target.info(m)) },
    release() {
      const queue = held ?? [];
      held = null;
      for (const send of queue) send();
    },
  };
}

interface Started<O> {
  outcome: Promise<O>;
  /** Resolves when the task asks for inference or finishes without asking (true), or fails first (false). */
  asked: Promise<boolean>;
  /** Its turn: held messages go out, inference may run. */
  begin(): void;
  /** The run stopped before its turn: the task stops at its first inference call; resolves once it has settled. */
  cancel(): Promise<void>;
}

function launch<T, O>(name: T, hooks: Hooks, start: (name: T, turn: Turn, hooks: Hooks) => Promise<O>): Started<O> {
  const gate = deferred<void>();
  // Handled by the task when it reaches the gate; a task that never asks must not leave it unhandled.
  gate.promise.catch(() => undefined);
  const asked = deferred<boolean>();
  const held = heldHooks(hooks);
  const outcome = start(name, { asked: () => asked.resolve(true), ready: gate.promise }, held.hooks);
  // The outcome itself is awaited in turn, or dropped on cancel.
  outcome.then(
    () => asked.resolve(true),
    () => asked.resolve(false),
  );
  return {
    outcome,
    asked: asked.promise,
    begin() {
      held.release();
      gate.resolve();
    },
    async cancel() {
      gate.reject(new TurnCancelled());
      await outcome.catch(() => undefined);
    },
  };
}

/**
 * Runs `start` for every name and `finish` on each outcome, in order. With `overlap`, task
 * k + 1 starts once task k asks for inference (at most one task ahead), and its inference
 * waits until task k is finished. An error stops the run as it would without overlap: the
 * task ahead is cancelled and the error of the earliest failing task goes up.
 */
export async function runInTurn<T, O, R>(
  names: readonly T[],
  overlap: boolean,
  hooks: Hooks,
  start: (name: T, turn: Turn, hooks: Hooks) => Promise<O>,
  finish: (name: T, outcome: O) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let ahead: Promise<Started<O> | null> | null = null;
  try {
    for (const [i, name] of names.entries()) {
      const current: Started<O> = (await ahead) ?? launch(name, hooks, start);
      ahead = null;
      current.begin();
      const following = names[i + 1];
      if (overlap && following !== undefined) ahead = current.asked.then((asked) => (asked ? launch(following, hooks, start) : null));
      results.push(await finish(name, await current.outcome));
    }
    return results;
  } finally {
    const pending = await ahead;
    await pending?.cancel();
  }
}

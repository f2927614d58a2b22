/**
 * A task's progress for all workers together, as one process reports it (runner/events.ts):
 * the task starts once every worker has begun its inference (or finished the task without
 * any, as a worker with an empty slice does), on the inputs of all of them; after that, each
 * worker's progress is the sum over the workers. The task's end is the join's to report.
 */
import type { BatchEvent, TaskStartEvent } from "../events.js";

interface TaskState {
  totals: (number | null)[];
  done: number[];
  batch: number[];
  batches: number[];
  started: boolean;
}

export class ProgressBoard {
  private readonly tasks = new Map<string, TaskState>();

  constructor(
    private readonly workers: number,
    private readonly emit: (event: TaskStartEvent | BatchEvent) => void,
  ) {}

  private state(model: string, task: string): TaskState {
    const key = `${model}\u0000${task}`;
    let state = this.tasks.get(key);
    if (state === undefined) {
      const zeros = (): number[] => new Array<number>(this.workers).fill(0);
      state = { totals: new Array<number | null>(this.workers).fill(null), done: zeros(), batch: zeros(), batches: zeros(), started: false };
      this.tasks.set(key, state);
    }
    return state;
  }

  start(worker: number, model: string, task: string, total: number): void {
    const state = this.state(model, task);
    state.totals[worker] = total;
    this.report(model, task, state);
  }

  update(worker: number, model: string, task: string, progress: { done: number; batch: number; batches: number }): void {
    const state = this.state(model, task);
    state.done[worker] = progress.done;
    state.batch[worker] = progress.batch;
    state.batches[worker] = progress.batches;
    this.report(model, task, state);
  }

  /** The worker wrote the task: its inputs are all done, or it had none. */
  finished(worker: number, model: string, task: string): void {
    const state = this.state(model, task);
    state.totals[worker] ??= 0;
    state.done[worker] = state.totals[worker] ?? 0;
    state.batch[worker] = state.batches[worker] ?? 0;
    this.report(model, task, state);
    if (state.totals.every((t) => t !== null) && state.done.every((d, i) => d === state.totals[i])) this.tasks.delete(`${model}\u0000${task}`);
  }

  private report(model: string, task: string, state: TaskState): void {
    const sum = (values: readonly (number | null)[]): number => values.reduce<number>((a, b) => a + (b ?? 0), 0);
    if (!state.started) {
      if (state.totals.some((t) => t === null)) return;
      state.started = true;
      this.emit({ type: "task-start", model, task, total: sum(state.totals) });
      if (sum(state.done) === 0) return;
    }
    this.emit({ type: "batch", model, task, done: sum(state.done), total: sum(state.totals), batch: sum(state.batch), batches: sum(state.batches) });
  }
}

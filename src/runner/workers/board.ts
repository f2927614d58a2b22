/**
 * One progress bar per task for all workers together: the examples done by every worker over
 * the examples of all of them. A bar starts once every worker has begun the task's inference
 * (or finished the task without any, as a worker with an empty slice does), so that its total
 * is the whole one, and ends when every worker is through.
 */
import type { Progress, ProgressFactory } from "../../util/progress.js";

interface TaskBar {
  totals: (number | null)[];
  done: number[];
  ended: boolean[];
  bar: Progress | null;
}

export class ProgressBoard {
  private readonly tasks = new Map<string, TaskBar>();
  private readonly closed = new Set<string>();

  constructor(
    private readonly workers: number,
    private readonly factory: ProgressFactory,
  ) {}

  private task(label: string): TaskBar {
    let task = this.tasks.get(label);
    if (task === undefined) {
      task = { totals: new Array(this.workers).fill(null), done: new Array(this.workers).fill(0), ended: new Array(this.workers).fill(false), bar: null };
      this.tasks.set(label, task);
    }
    return task;
  }

  start(worker: number, label: string, total: number): void {
    const task = this.task(label);
    task.totals[worker] = total;
    this.redraw(label, task);
  }

  update(worker: number, label: string, done: number): void {
    const task = this.task(label);
    task.done[worker] = done;
    this.redraw(label, task);
  }

  /** The worker is through the task's inference, or through the task without any (`total` 0). */
  end(worker: number, label: string): void {
    if (this.closed.has(label)) return;
    const task = this.task(label);
    if (task.ended[worker]) return;
    task.totals[worker] ??= 0;
    task.done[worker] = task.totals[worker] ?? 0;
    task.ended[worker] = true;
    this.redraw(label, task);
    if (task.ended.every(Boolean)) {
      task.bar?.end();
      this.tasks.delete(label);
      this.closed.add(label);
    }
  }

  private redraw(label: string, task: TaskBar): void {
    if (task.bar === null) {
      if (task.totals.some((t) => t === null)) return;
      task.bar = this.factory(
        label,
        task.totals.reduce<number>((a, b) => a + (b ?? 0), 0),
      );
    }
    task.bar.update(task.done.reduce((a, b) => a + b, 0));
  }
}

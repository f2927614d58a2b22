/**
 * The workers' progress as one process reports it: the task starts once every worker has begun
 * (or finished without inference), on all their inputs; the counts are the workers' sums.
 */
import { describe, expect, it } from "vitest";
import type { BatchEvent, TaskStartEvent } from "../../../src/runner/events.js";
import { ProgressBoard } from "../../../src/runner/workers/board.js";

function board(workers: number) {
  const events: (TaskStartEvent | BatchEvent)[] = [];
  return { board: new ProgressBoard(workers, (e) => events.push(e)), events };
}

describe("the progress of several workers", () => {
  it("starts the task on every worker's inputs, then adds up their progress", () => {
    const { board: b, events } = board(2);
    b.start(0, "m", "qqp", 20215);
    b.update(0, "m", "qqp", { done: 32, batch: 1, batches: 632 });
    expect(events).toEqual([]);
    b.start(1, "m", "qqp", 20215);
    b.update(1, "m", "qqp", { done: 64, batch: 2, batches: 632 });
    b.finished(0, "m", "qqp");
    b.finished(1, "m", "qqp");
    expect(events).toEqual([
      { type: "task-start", model: "m", task: "qqp", total: 40430 },
      { type: "batch", model: "m", task: "qqp", done: 32, total: 40430, batch: 1, batches: 632 },
      { type: "batch", model: "m", task: "qqp", done: 96, total: 40430, batch: 3, batches: 1264 },
      { type: "batch", model: "m", task: "qqp", done: 20279, total: 40430, batch: 634, batches: 1264 },
      { type: "batch", model: "m", task: "qqp", done: 40430, total: 40430, batch: 1264, batches: 1264 },
    ]);
  });

  it("counts a worker whose slice is empty (it runs no inference) as through", () => {
    const { board: b, events } = board(2);
    b.start(0, "m", "rte", 3);
    b.finished(1, "m", "rte");
    b.finished(0, "m", "rte");
    expect(events).toEqual([
      { type: "task-start", model: "m", task: "rte", total: 3 },
      { type: "batch", model: "m", task: "rte", done: 3, total: 3, batch: 0, batches: 0 },
    ]);
  });

  it("keeps tasks and model rows apart", () => {
    const { board: b, events } = board(1);
    b.start(0, "m", "mnli", 10);
    b.start(0, "m-q8", "mnli", 10);
    expect(events.map((e) => `${e.type} ${e.model} ${e.task}`)).toEqual(["task-start m mnli", "task-start m-q8 mnli"]);
  });
});

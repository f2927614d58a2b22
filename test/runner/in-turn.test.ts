/**
 * runInTurn on fake tasks that log what they do: with overlap, the next task reads and
 * tokenizes during this one's inference, and everything else stays in task order.
 */
import { describe, expect, it } from "vitest";
import type { Hooks } from "../../src/runner/config.js";
import { runInTurn, type Turn, TurnCancelled } from "../../src/runner/in-turn.js";

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2));

interface FakeTask {
  name: string;
  /** Fails while tokenizing. */
  badData?: boolean;
  /** Fails during inference. */
  badModel?: boolean;
  /** Never asks for inference (no examples). */
  empty?: boolean;
}

function harness() {
  const log: string[] = [];
  const hooks: Hooks = { warn: (m) => log.push(`warn: ${m}`), info: (m) => log.push(`info: ${m}`) };
  const start = async (task: FakeTask, turn: Turn, taskHooks: Hooks): Promise<string> => {
    log.push(`tokenize ${task.name}`);
    taskHooks.warn(`${task.name} truncated 3 examples`);
    await tick();
    if (task.badData) throw new Error(`${task.name}: bad line`);
    if (!task.empty) {
      turn.asked();
      try {
        await turn.ready;
      } catch (error) {
        log.push(`${task.name} stopped: ${error instanceof TurnCancelled ? "cancelled" : String(error)}`);
        throw error;
      }
      log.push(`infer ${task.name}`);
      await tick();
      if (task.badModel) throw new Error(`${task.name}: inference failed`);
      log.push(`inferred ${task.name}`);
    }
    return task.name;
  };
  const finish = async (task: FakeTask, outcome: string): Promise<string> => {
    log.push(`write ${task.name}`);
    await tick();
    hooks.info(`wrote ${outcome}`);
    return outcome;
  };
  return { log, run: (list: FakeTask[], overlap: boolean) => runInTurn(list, overlap, hooks, start, finish) };
}

const three = [{ name: "a" }, { name: "b" }, { name: "c" }];

describe("runInTurn", () => {
  it("without overlap runs each task whole before the next starts", async () => {
    const { log, run } = harness();
    expect(await run(three, false)).toEqual(["a", "b", "c"]);
    const sequential = ["a", "b", "c"].flatMap((n) => [
      `tokenize ${n}`,
      `warn: ${n} truncated 3 examples`,
      `infer ${n}`,
      `inferred ${n}`,
      `write ${n}`,
      `info: wrote ${n}`,
    ]);
    expect(log).toEqual(sequential);
  });

  it("with overlap tokenizes the next task during this one's inference, and infers, writes and reports in task order", async () => {
    const { log, run } = harness();
    expect(await run(three, true)).toEqual(["a", "b", "c"]);
    // b starts as soon as a asks for inference, before a has inferred.
    expect(log.indexOf("tokenize b")).toBeLessThan(log.indexOf("inferred a"));
    expect(log.indexOf("tokenize c")).toBeLessThan(log.indexOf("inferred b"));
    // At most one task ahead: c starts only once b asks for inference, after a is written.
    expect(log.indexOf("tokenize c")).toBeGreaterThan(log.indexOf("info: wrote a"));
    // Inference, writing and every message stay in task order.
    const inOrder = log.filter((line) => !line.startsWith("tokenize"));
    expect(inOrder).toEqual(
      ["a", "b", "c"].flatMap((n) => [`warn: ${n} truncated 3 examples`, `infer ${n}`, `inferred ${n}`, `write ${n}`, `info: wrote ${n}`]),
    );
  });

  it("runs a task that never asks for inference", async () => {
    const { log, run } = harness();
    expect(await run([{ name: "a" }, { name: "b", empty: true }, { name: "c" }], true)).toEqual(["a", "b", "c"]);
    expect(log.filter((l) => l.startsWith("info"))).toEqual(["info: wrote a", "info: wrote b", "info: wrote c"]);
  });

  it("stops at a failing task as a sequential run does: the task ahead never infers and its messages are dropped", async () => {
    const { log, run } = harness();
    await expect(run([{ name: "a", badModel: true }, { name: "b" }, { name: "c" }], true)).rejects.toThrow("a: inference failed");
    expect(log).toContain("tokenize b");
    expect(log).toContain("b stopped: cancelled");
    expect(log.some((l) => l.includes("infer b") || l.includes("b truncated") || l.startsWith("write"))).toBe(false);
    expect(log).not.toContain("tokenize c");
  });

  it("reports a later task's bad data only after the tasks before it are written", async () => {
    const { log, run } = harness();
    await expect(run([{ name: "a" }, { name: "b", badData: true }, { name: "c" }], true)).rejects.toThrow("b: bad line");
    expect(log.indexOf("tokenize b")).toBeLessThan(log.indexOf("inferred a"));
    expect(log).toContain("info: wrote a");
    expect(log).not.toContain("tokenize c");
  });

  it("gives the same results, messages and order with and without overlap", async () => {
    const sequential = harness();
    const overlapped = harness();
    const tasks = [{ name: "a" }, { name: "b", empty: true }, { name: "c" }, { name: "d" }];
    expect(await overlapped.run(tasks, true)).toEqual(await sequential.run(tasks, false));
    const outside = (log: string[]) => log.filter((l) => !l.startsWith("tokenize"));
    expect(outside(overlapped.log)).toEqual(outside(sequential.log));
  });
});

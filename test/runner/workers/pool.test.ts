/**
 * The worker pool on real processes (test/fixtures/workers/fake-worker.mjs stands in for a
 * worker): a task is handed on once every worker has written it, a warning said by every
 * worker is said once, one progress bar counts all workers' examples; the first worker that
 * fails stops the others (the pool settles only once every worker has exited) and its error is
 * the run's, with its exit code; a worker that ends without a word, or by a signal, is named.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { GlueEvalError } from "../../../src/errors.js";
import type { WorkerStart } from "../../../src/runner/workers/protocol.js";
import { Interrupted, startPool } from "../../../src/runner/workers/pool.js";

const FAKE = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures", "workers", "fake-worker.mjs");

function run(scenario: string, workers = 2) {
  const warnings: string[] = [];
  const written: [number, string, string[]][] = [];
  const arrived: string[] = [];
  const progress: string[] = [];
  const starts = Array.from({ length: workers }, (_, worker) => ({ scenario, worker }) as unknown as WorkerStart);
  const pool = startPool({
    script: FAKE,
    starts,
    warn: (m) => warnings.push(m),
    progress: (worker, message) => progress.push(`${worker} ${message.kind} ${JSON.stringify(message)}`),
    wroteOne: (worker, row, task, dir) => arrived.push(`${worker} ${row} ${task} ${dir}`),
    written: (row, task, dirs) => written.push([row, task, dirs]),
  });
  return { pool, warnings, written, arrived, progress };
}

describe("the worker pool", () => {
  it("hands a task on once every worker wrote it, each worker's as it comes; a warning every worker gives, once; progress as it goes", async () => {
    const { pool, warnings, written, arrived, progress } = run("ok", 3);
    await pool.done;
    expect(written).toEqual([[0, "t", ["/d/0", "/d/1", "/d/2"]]]);
    expect(arrived.sort()).toEqual(["0 0 t /d/0", "1 0 t /d/1", "2 0 t /d/2"]);
    expect(warnings).toEqual(["the same warning from every worker"]);
    expect(progress.filter((p) => p.startsWith("2 "))).toEqual([
      '2 progress-start {"kind":"progress-start","row":0,"task":"t","total":30}',
      '2 progress {"kind":"progress","row":0,"task":"t","done":15,"batch":1,"batches":2}',
    ]);
  });

  it("stops the others at the first failure, which is the run's error with its exit code", async () => {
    const { pool, written } = run("fail", 3);
    const error = await pool.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GlueEvalError);
    expect(error).toMatchObject({ message: 'x.tsv:3 (field "label"): unknown label "2"', exitCode: 1, code: "DATA" });
    expect(written).toEqual([]);
  });

  it("passes a worker's bug on with the worker's stack", async () => {
    const error = (await run("bug").pool.done.catch((e: unknown) => e)) as Error;
    expect(error).not.toBeInstanceOf(GlueEvalError);
    expect(error.stack).toBe("TypeError: x is undefined\n    at work (child.js:1:1)");
  });

  it("names a worker that ended without a word", async () => {
    const error = await run("crash").pool.done.catch((e: unknown) => e);
    expect(error).toMatchObject({ exitCode: 1, message: "worker 2 of 2 ended with exit code 3 before it finished; the results folder was left as it was" });
  });

  it("ends the run by the signal that ended a worker (Ctrl-C reaches every process of the group)", async () => {
    const error = await run("sigterm").pool.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Interrupted);
    expect(error).toMatchObject({ signal: "SIGTERM", exitCode: 143 });
  });

  it("stops every worker on request and settles once all have exited", async () => {
    const { pool } = run("hang", 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await pool.stop("SIGTERM");
    await expect(pool.done).rejects.toThrow("the workers were stopped before they finished");
  });
});

/**
 * evaluate() with `nproc`, from the built package (the workers are its built entry): the records,
 * predictions and events of one process, written nowhere when not asked; an abort ends the
 * workers and writes nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Package from "../../src/index.js";
import type { ProgressEvent } from "../../src/api/options.js";
import type { TaskResult } from "../../src/results/schema.js";
import { ensureBuilt, ROOT } from "../cli-process.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL } from "../examples.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-api-nproc-"));
const saved = process.env.TMPDIR;
let glueEval: typeof Package;
beforeAll(async () => {
  ensureBuilt();
  glueEval = (await import(join(ROOT, "dist", "index.js"))) as typeof Package;
  // The workers' private folders go here, where the test can look.
  mkdirSync(join(tmp, "private"));
  process.env.TMPDIR = join(tmp, "private");
});
afterAll(() => {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
  rmSync(tmp, { recursive: true, force: true });
});

// One onnxruntime thread per process either way, so that runtime.threads is the same.
const demo = { model: EXAMPLE_MODEL, tasks: "sst2", dataDir: EXAMPLE_DATA, cacheDir: null, predictions: true } as const;
const stable = ({ timing: _t, date: _d, command: _c, files: _f, ...rest }: TaskResult) => rest;
const privateFolders = (): string[] => readdirSync(join(tmp, "private")).filter((name) => name.startsWith("glue-eval-workers-"));

describe("evaluate with nproc", () => {
  it("gives one process's records, predictions and events, and writes nothing unasked", async () => {
    const events: ProgressEvent[] = [];
    const [one] = await glueEval.evaluate({ ...demo, threads: 1 });
    const nowhere = join(tmp, "nowhere");
    const [two] = await glueEval.evaluate({ ...demo, threads: 2, nproc: 2, outputDir: nowhere, write: false, onProgress: (e) => events.push(e) });
    if (one === undefined || two === undefined) throw new Error("no model row");
    expect(two.outputDir).toBeNull();
    expect(two.results.map(stable)).toEqual(one.results.map(stable));
    expect(two.results[0]?.timing.workers).toEqual({ count: 2, threads: 1, rule: "--nproc 2" });
    expect(two.predictions).toEqual(one.predictions);
    expect(events[0]).toEqual({ type: "task-start", model: "bert-tiny-sst2", task: "sst2", total: 872 });
    const done = events.flatMap((e) => (e.type === "batch" ? [e.done] : []));
    expect(done.length).toBeGreaterThan(0);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(872);
    const end = events.at(-1);
    expect(end?.type === "task-end" ? stable(end.result) : null).toEqual(stable(two.results[0] as TaskResult));
    expect(existsSync(nowhere)).toBe(false);
    expect(privateFolders()).toEqual([]);
  });

  it("stops every worker on abort, writes nothing and rejects with an AbortError", async () => {
    const out = join(tmp, "aborted");
    const controller = new AbortController();
    const run = glueEval.evaluate({
      ...demo,
      outputDir: out,
      nproc: 2,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === "task-start") controller.abort();
      },
    });
    await expect(run).rejects.toThrow(glueEval.AbortError);
    expect(existsSync(out) ? readdirSync(out).filter((f) => !f.startsWith(".")) : []).toEqual([]);
    expect(privateFolders()).toEqual([]);
  });
});

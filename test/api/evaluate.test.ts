/**
 * evaluate() on the demo model: the records the command line writes, written only when asked,
 * progress events in order, an AbortSignal that stops between batches and writes nothing, and
 * typed errors for bad options.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/api/evaluate.js";
import type { ProgressEvent } from "../../src/api/options.js";
import { AbortError, DataError, GlueEvalError, UsageError } from "../../src/errors.js";
import type { PredictionLine, TaskResult } from "../../src/results/schema.js";
import { runCaptured } from "../factories/cli.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL, EXAMPLE_REF } from "../examples.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-api-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const REFERENCE = (JSON.parse(readFileSync(EXAMPLE_REF, "utf8")) as { splits: { dev: { metrics: { accuracy: number } } } }).splits.dev.metrics.accuracy;
const demo = { model: EXAMPLE_MODEL, tasks: "sst2", dataDir: EXAMPLE_DATA, cacheDir: null, threads: 1 } as const;

/** A record without what differs between two runs of the same evaluation (the clock, the date, how it was called, the written files' list). */
function stable(result: TaskResult): Omit<TaskResult, "timing" | "date" | "command" | "files"> {
  const { timing: _timing, date: _date, command: _command, files: _files, ...rest } = result;
  return rest;
}

const readLines = (file: string): PredictionLine[] =>
  readFileSync(file, "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as PredictionLine);

describe("evaluate", () => {
  it("returns the records the command line writes, with the predictions when asked, and writes nothing", async () => {
    const cli = await runCaptured([
      "--task",
      "sst2",
      "--model",
      EXAMPLE_MODEL,
      "--data-dir",
      EXAMPLE_DATA,
      "--output-dir",
      join(tmp, "cli"),
      "--no-cache",
      "--threads",
      "1",
      "--json",
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(tmp, "cli", "sst2.json"), "utf8")) as TaskResult;

    // Were it written, it would go to results/<name>: the name keeps that folder apart from any other run's.
    const name = `api-unwritten-${process.pid}`;
    const runs = await evaluate({ ...demo, names: [name], predictions: true });
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run?.name).toBe(name);
    expect(run?.outputDir).toBeNull();
    expect(run?.results.map((r) => r.metrics.accuracy)).toEqual([REFERENCE]);
    expect(stable(run?.results[0] as TaskResult)).toEqual({ ...stable(written), model: { ...written.model, name } });
    expect(run?.results[0]?.files).toBeUndefined();
    expect(run?.predictions?.sst2).toEqual(readLines(join(tmp, "cli", "sst2.predictions.jsonl")));
    expect(existsSync(join("results", name))).toBe(false);
    // The record says how to run the same from the command line.
    expect(run?.results[0]?.command).toEqual([
      "glue-eval",
      "--task",
      "sst2",
      "--model",
      EXAMPLE_MODEL,
      "--name",
      name,
      "--data-dir",
      EXAMPLE_DATA,
      "--threads",
      "1",
      "--no-cache",
    ]);
  });

  it("writes the results set into outputDir, and returns them as written", async () => {
    const out = join(tmp, "written");
    const runs = await evaluate({ ...demo, outputDir: out });
    expect(runs[0]?.outputDir).toBe(out);
    expect(readdirSync(out).sort()).toEqual(["sst2.json", "sst2.predictions.jsonl"]);
    expect(runs[0]?.results[0]).toEqual(JSON.parse(readFileSync(join(out, "sst2.json"), "utf8")));
    expect(runs[0]?.predictions).toBeUndefined();
  });

  it("reports each task's start, every batch and its end, in order", async () => {
    const events: ProgressEvent[] = [];
    const runs = await evaluate({ ...demo, limit: 100, batchSize: 16, onProgress: (e) => events.push(e) });
    expect(events[0]).toEqual({ type: "task-start", model: "bert-tiny-sst2", task: "sst2", total: 100 });
    const batches = events.filter((e) => e.type === "batch");
    // At least ceil(100 / 16) batches, numbered from 1, each event counting all of them.
    expect(batches.length).toBeGreaterThanOrEqual(7);
    expect(batches.map((e) => e.batch)).toEqual(batches.map((_, i) => i + 1));
    expect(batches.every((e) => e.batches === batches.length && e.total === 100 && e.task === "sst2")).toBe(true);
    expect(batches.map((e) => e.done)).toEqual([...batches.map((e) => e.done)].sort((a, b) => a - b));
    expect(batches.at(-1)?.done).toBe(100);
    expect(events.slice(1, -1)).toEqual(batches);
    expect(events.at(-1)).toEqual({ type: "task-end", model: "bert-tiny-sst2", task: "sst2", result: runs[0]?.results[0] });
  });

  it("stops between batches once aborted, writes nothing, and rejects with an AbortError", async () => {
    const out = join(tmp, "aborted");
    const controller = new AbortController();
    const seen: number[] = [];
    const run = evaluate({
      ...demo,
      outputDir: out,
      batchSize: 8,
      onProgress: (e) => {
        if (e.type !== "batch") return;
        seen.push(e.batch);
        if (e.batch === 3) controller.abort(new Error("enough"));
      },
      signal: controller.signal,
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).name).toBe("AbortError");
    expect(((error as AbortError).cause as Error).message).toBe("enough");
    expect(seen).toEqual([1, 2, 3]);
    expect(readdirSync(out)).toEqual([]);
  });

  it("rejects at once with a signal aborted before it starts, touching no folder", async () => {
    const out = join(tmp, "never");
    await expect(evaluate({ ...demo, outputDir: out, signal: AbortSignal.abort() })).rejects.toThrow(AbortError);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [{ batchSize: 0 }, UsageError, /^batchSize must be a whole number from 1 to 65536, got 0$/],
    [{ tasks: "mnli_matchd" }, GlueEvalError, /unknown task "mnli_matchd"/],
    [{ dataDir: join(tmp, "no-data") }, DataError, /no-data: data directory not found/],
    [{ dtype: "fp64" as "fp32" }, UsageError, /^dtype: unknown "fp64"/],
    [{ shard: { index: 2, count: 2 } }, UsageError, /^shard\.index counts from 0/],
  ])("refuses %o with a typed error", async (bad, type, message) => {
    const error = await evaluate({ ...demo, ...bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    expect((error as GlueEvalError).exitCode).toBeGreaterThan(0);
  });
});

/**
 * A run whose stderr is a log (a file or a pipe, as under Slurm or Kubernetes) shows each task's
 * progress as plain lines; --no-progress silences them and --json keeps them off stdout.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCliProcess } from "../cli-process.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL } from "../examples.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-progress-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => ensureBuilt());

const LINE = /^glue-eval: bert-tiny-sst2 sst2: (\d+)\/872 \((\d+)%\)( [\d.]+ ex\/s, (ETA|done in) [\d.]+ (s|min))?/;

const run = (out: string, ...extra: string[]) =>
  runCliProcess([
    "--task",
    "sst2",
    "--model",
    EXAMPLE_MODEL,
    "--data-dir",
    EXAMPLE_DATA,
    "--output-dir",
    join(tmp, out),
    "--no-cache",
    "--threads",
    "1",
    ...extra,
  ]);

describe("progress when stderr is not a terminal", () => {
  it("is a plain line per tenth of the examples, ending at 872/872", async () => {
    const done = await run("lines");
    expect(done.code, done.stderr).toBe(0);
    const lines = done.stderr.split("\n").filter((l) => LINE.test(l));
    expect(done.stderr).not.toMatch(/\r|\u001b/);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.at(-1)).toMatch(/: 872\/872 \(100%\) [\d.]+ ex\/s, done in /);
    const percents = lines.map((l) => Number(LINE.exec(l)?.[2]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(done.stdout).not.toMatch(/872\/872/);
  });

  it("is silent with --no-progress", async () => {
    const done = await run("silent", "--no-progress");
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr.split("\n").filter((l) => LINE.test(l))).toEqual([]);
  });

  it("goes to stderr only with --json: stdout is the JSON alone", async () => {
    const done = await run("json", "--json");
    expect(done.code, done.stderr).toBe(0);
    expect((JSON.parse(done.stdout) as { results: unknown[] }[])[0]?.results).toHaveLength(1);
    expect(
      done.stderr
        .split("\n")
        .filter((l) => LINE.test(l))
        .at(-1),
    ).toMatch(/872\/872 \(100%\)/);
  });
});

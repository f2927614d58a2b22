/**
 * The overlap changes no byte: bert-tiny-mnli on mnli and mnli-mm through the CLI with
 * `--overlap on` (mnli-mm read and tokenized during mnli's inference) and `--overlap off`
 * (one task after the other) give the same predictions files, the same results but for the
 * clock, the same cache keys and chunk files, and the same messages in the same order; a bad
 * line in the second task's data fails both the same way, after the first task is written.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskResult } from "../../src/results/schema.js";
import { ensureBuilt, type Finished, runCliProcess } from "../cli-process.js";
import { hasShared, sharedPath } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-overlap-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file under a folder, by relative path, with its bytes. */
function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

/** A results record without what differs between any two runs: the clock, the date and the command line. */
function withoutClock(bytes: Buffer): Omit<TaskResult, "timing" | "date" | "command"> {
  const { timing: _timing, date: _date, command: _command, ...rest } = JSON.parse(bytes.toString("utf8")) as TaskResult;
  return rest;
}

describe.skipIf(!hasShared)("--overlap on and off through the CLI", () => {
  const runs = new Map<string, Finished>();
  const run = async (overlap: "on" | "off"): Promise<void> => {
    const cwd = join(tmp, overlap);
    mkdirSync(cwd);
    // The same relative folders in each working directory, so that the messages can be compared whole.
    const args = ["--task", "mnli,mnli-mm", "--model", sharedPath("fixtures", "models", "bert-tiny-mnli"), "--data-dir", sharedPath("data"), "--limit", "600"];
    runs.set(overlap, await runCliProcess([...args, "--output-dir", "out", "--cache-dir", "cache", "--no-progress", "--overlap", overlap], cwd));
  };

  beforeAll(async () => {
    ensureBuilt();
    await run("off");
    await run("on");
  }, 120_000);

  it("both runs succeed", () => {
    for (const finished of runs.values()) expect(finished.code, finished.stderr).toBe(0);
  });

  it("writes byte-identical predictions files and the same results but for the clock", () => {
    const off = filesUnder(join(tmp, "off", "out"));
    const on = filesUnder(join(tmp, "on", "out"));
    expect([...on.keys()].sort()).toEqual([...off.keys()].sort());
    expect([...off.keys()].sort()).toEqual(["mnli-mm.json", "mnli-mm.predictions.jsonl", "mnli.json", "mnli.predictions.jsonl"]);
    for (const [name, bytes] of off) {
      const other = on.get(name) as Buffer;
      if (name.endsWith(".jsonl")) expect(other.equals(bytes), name).toBe(true);
      else expect(withoutClock(other), name).toEqual(withoutClock(bytes));
    }
  });

  it("fills the cache under the same keys with byte-identical chunks", () => {
    const off = filesUnder(join(tmp, "off", "cache"));
    const on = filesUnder(join(tmp, "on", "cache"));
    const chunks = [...off.keys()].filter((k) => k.endsWith(".bin"));
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    for (const name of chunks) expect(on.get(name)?.equals(off.get(name) as Buffer), name).toBe(true);
    expect([...on.keys()].filter((k) => k.endsWith(".bin")).sort()).toEqual(chunks.sort());
  });

  it("prints the same messages in the same order", () => {
    expect(runs.get("on")?.stderr).toBe(runs.get("off")?.stderr);
    expect(runs.get("off")?.stderr).toMatch(/mnli: wrote out\/mnli\.json\n.*mnli-mm: wrote out\/mnli-mm\.json/s);
  });
});

describe.skipIf(!hasShared)("--overlap with bad data in the second task", () => {
  const model = (): string => sharedPath("fixtures", "models", "bert-tiny-mnli");

  it("fails the same way with and without overlap: the first task written, then one line naming the file and line", async () => {
    const data = join(tmp, "bad-data");
    mkdirSync(join(data, "glue", "MNLI"), { recursive: true });
    const lines = (file: string): string[] => readFileSync(sharedPath("data", "glue", "MNLI", file), "utf8").split("\n");
    writeFileSync(join(data, "glue", "MNLI", "dev_matched.tsv"), `${lines("dev_matched.tsv").slice(0, 200).join("\n")}\n`);
    const mismatched = lines("dev_mismatched.tsv").slice(0, 200);
    mismatched[150] = "150\tonly three\tfields";
    writeFileSync(join(data, "glue", "MNLI", "dev_mismatched.tsv"), `${mismatched.join("\n")}\n`);
    const outcomes = [];
    for (const overlap of ["off", "on"]) {
      const cwd = join(tmp, `bad-${overlap}`);
      mkdirSync(cwd);
      const finished = await runCliProcess(
        ["--task", "mnli,mnli-mm", "--model", model(), "--data-dir", data, "--output-dir", "out", "--no-cache", "--no-progress", "--overlap", overlap],
        cwd,
      );
      outcomes.push({ code: finished.code, stderr: finished.stderr, files: [...filesUnder(join(cwd, "out")).keys()].sort() });
    }
    const [off, on] = outcomes;
    expect(off?.code).toBe(1);
    expect(off?.stderr).toMatch(/mnli: wrote out\/mnli\.json\nglue-eval: error: .*dev_mismatched\.tsv:151: expected 12 tab-separated fields, found 3\n$/);
    expect(off?.files).toEqual(["mnli.json", "mnli.predictions.jsonl"]);
    expect(on).toEqual(off);
  }, 60_000);

  it("refuses an --overlap value it does not know, before any work", async () => {
    const finished = await runCliProcess(["--task", "mnli", "--model", model(), "--data-dir", sharedPath("data"), "--overlap", "yes"], tmp);
    expect(finished.code).toBe(2);
    expect(finished.stderr).toBe('glue-eval: error: --overlap must be auto, on or off, got "yes"\n');
  });
});

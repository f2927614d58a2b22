/**
 * A results folder is whole or untouched. Before:
 * - a run interrupted while writing left `<task>.json` of one run beside the predictions of
 *   another (and a stray .tmp file), and `report`, `compare` and `submit` read that mix with
 *   exit 0;
 * - two runs into one folder at the same time could write into each other's sets: nothing locked it;
 * - temporary files and half-written sets of killed runs stayed for good.
 * Now `<task>.json` lists the size and sha256 of each companion file and every reader refuses
 * a mix with one line; the folder is locked while a run writes into it (a second run waits,
 * naming the holder, and gives up with one line if the wait runs out); and the next run removes what killed runs left, or completes a set that was
 * whole before the kill.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GlueEvalError } from "../../src/errors.js";
import { withResultsFolder } from "../../src/results/publish.js";
import { writeTaskOutputs } from "../../src/results/write.js";
import { LOCK_FILE, lockFolder } from "../../src/results/lock.js";
import { ensureBuilt } from "../cli-process.js";
import { runCaptured } from "../factories/cli.js";
import { runAs, snapshot, startAs } from "../factories/processes.js";
import { type BuiltTask, glueTask, randomLabels } from "../factories/results.js";
import { hasShared, sharedPath } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-set-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BIN = ["0", "1"];
function tasks(name: string, seed: number): BuiltTask[] {
  const gold = randomLabels(40, BIN, 1);
  return [
    glueTask({ task: "mrpc", model: { name }, gold, pred: randomLabels(40, BIN, seed) }),
    glueTask({ task: "sst2", model: { name }, gold: null, pred: randomLabels(30, BIN, seed + 1), split: "test" }),
  ];
}

async function write(dir: string, built: readonly BuiltTask[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const { result, predictions } of built) await writeTaskOutputs(dir, result, predictions, []);
}

describe("a results folder that mixes two runs", () => {
  const a = join(tmp, "mixed", "alpha");
  const b = join(tmp, "mixed", "beta");
  beforeAll(async () => {
    await write(a, tasks("alpha", 2));
    await write(b, tasks("beta", 5));
    // What a run killed between its renames leaves: the new predictions beside the old results.
    for (const name of ["mrpc.predictions.jsonl", "sst2.predictions.jsonl"]) copyFileSync(join(b, name), join(a, name));
  });

  it.each([
    ["report", () => ["report", a, "--out", join(tmp, "mixed", "report.md")]],
    ["compare", () => ["compare", a, b]],
    ["submit", () => ["submit", a, "--out", join(tmp, "mixed", "submission.zip"), "--allow-missing"]],
  ])("%s refuses it with one line", async (_, argv) => {
    const run = await runCaptured(argv());
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^glue-eval: error: .*alpha\/mrpc\.predictions\.jsonl: is not the file written with .*alpha\/mrpc\.json \(its sha256 differs.*\): the folder mixes the files of two runs; run the mrpc task into it again$/);
  });

  it("refuses a results file whose list names a file outside its folder", async () => {
    const dir = join(tmp, "outside");
    await write(dir, tasks("gamma", 3).slice(0, 1));
    const file = join(dir, "mrpc.json");
    const result = JSON.parse(readFileSync(file, "utf8")) as { files: Record<string, unknown> };
    result.files = { "../mrpc.json": { bytes: 1, sha256: "0".repeat(64) } };
    writeFileSync(file, JSON.stringify(result));
    const run = await runCaptured(["report", dir, "--out", join(tmp, "outside.md")]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`glue-eval: error: ${file} (field "files.../mrpc.json"): must name a file in the same folder`);
  });

  it("reads the same folders while they are whole", async () => {
    await write(a, tasks("alpha", 2));
    const run = await runCaptured(["compare", a, b]);
    expect(run.code, run.stderr).toBe(0);
  });
});

describe("the folder lock", () => {
  it("names the holder when the wait runs out", async () => {
    const dir = join(tmp, "busy");
    const held = await lockFolder(dir, ["glue-eval", "first"]);
    const since = (JSON.parse(readFileSync(held.path, "utf8")) as { since: string }).since;
    const lines: string[] = [];
    await expect(lockFolder(dir, ["glue-eval", "second"], { waitMs: 300, onWait: (l) => lines.push(l) })).rejects.toThrow(
      `${dir}: another glue-eval run is writing here (pid ${process.pid} on ${hostname()}, since ${since}); wait for it to finish, or delete ${held.path} if that run is gone`,
    );
    expect(lines).toHaveLength(1);
    await held.release();
    const next = await lockFolder(dir, ["glue-eval", "second"], { waitMs: 0 });
    await next.release();
    expect(existsSync(held.path)).toBe(false);
  });

  it("is a one-line results error when the folder cannot be locked, and nothing is written", async () => {
    // A file where the results folder should be: the lock cannot be created (ENOTDIR).
    const blocked = join(tmp, "blocked");
    writeFileSync(blocked, "");
    const dir = join(blocked, "out");
    let wrote = false;
    const failed = withResultsFolder(dir, ["glue-eval"], () => undefined, async () => {
      wrote = true;
    });
    await expect(failed).rejects.toThrow(GlueEvalError);
    await expect(failed).rejects.toThrow(`${dir}: cannot lock the folder for writing (a file is in the way of its folder)`);
    expect(wrote).toBe(false);
  });
});

describe.skipIf(!hasShared)("writing into a results folder", () => {
  beforeAll(() => ensureBuilt());
  const args = (out: string, limit: string, model = "bert-tiny-sst2", task = "sst2"): string[] => [
    "--task", task, "--model", sharedPath("fixtures", "models", model), "--data-dir", sharedPath("data"), "--limit", limit, "--output-dir", out, "--no-cache", "--no-progress",
  ];

  it("makes a second run wait while one writes into the folder, naming it, and takes over the lock of a run that is gone", async () => {
    const out = join(tmp, "locked");
    const held = await lockFolder(out, ["glue-eval", "test"]);
    const since = (JSON.parse(readFileSync(held.path, "utf8")) as { since: string }).since;
    const second = startAs(args(out, "5"));
    const waiting = `${out}: waiting for pid ${process.pid} on ${hostname()}, since ${since} to finish writing here (or delete ${join(out, LOCK_FILE)} if that run is gone)`;
    for (let i = 0; i < 600 && !second.stderr().includes(waiting); i++) await new Promise((r) => setTimeout(r, 50));
    expect(second.stderr()).toContain(waiting);
    expect(Object.keys(snapshot(out)).filter((name) => !name.startsWith("."))).toEqual([]);
    await held.release();
    const finished = await second.done;
    expect(finished.code, finished.stderr).toBe(0);
    expect(Object.keys(snapshot(out))).toEqual(["sst2.json", "sst2.predictions.jsonl"]);

    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: Number(gone), host: hostname(), since: "2026-01-01T00:00:00.000Z", command: "glue-eval" }));
    const third = await runAs(args(out, "5"));
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).not.toMatch(/waiting/);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it("removes what killed runs left, and completes a set that was whole when its run was killed", async () => {
    const out = join(tmp, "leftovers");
    const other = join(tmp, "leftovers-other");
    expect((await runAs(args(out, "20"))).code).toBe(0);
    expect((await runAs(args(other, "30"))).code).toBe(0);
    // A run killed while renaming: its predictions moved in, its sst2.json still staged.
    const staged = join(out, ".sst2.staging-999999-0badf00d");
    mkdirSync(staged);
    renameSync(join(other, "sst2.json"), join(staged, "sst2.json"));
    copyFileSync(join(other, "sst2.predictions.jsonl"), join(out, "sst2.predictions.jsonl"));
    // A run killed before its set was complete, and a stray temporary file.
    mkdirSync(join(out, ".sst2.staging-999998-0123abcd"));
    writeFileSync(join(out, ".sst2.staging-999998-0123abcd", "sst2.predictions.jsonl"), "half");
    writeFileSync(join(out, ".sst2.predictions.jsonl.4242.deadbeef.tmp"), "half");
    // Untouched for longer than a live writer leaves its file (util/leftover.ts).
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(join(out, ".sst2.predictions.jsonl.4242.deadbeef.tmp"), old, old);
    expect((await runCaptured(["report", out, "--out", join(tmp, "leftovers.md")])).code).toBe(1);

    const next = await runAs(args(out, "5", "bert-tiny-rte", "rte"));
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain(`${out}: completed the sst2 results of an interrupted run`);
    expect(next.stderr).toContain(`${out}: removed the unfinished sst2 results of an interrupted run`);
    expect(next.stderr).toContain(`${out}: removed .sst2.predictions.jsonl.4242.deadbeef.tmp, left by an interrupted run`);
    expect(Object.keys(snapshot(out))).toEqual(["rte.json", "rte.predictions.jsonl", "sst2.json", "sst2.predictions.jsonl"]);
    expect(JSON.parse(readFileSync(join(out, "sst2.json"), "utf8")).n).toBe(30);
    const report = await runCaptured(["report", out, "--out", join(tmp, "leftovers.md")]);
    expect(report.code, report.stderr).toBe(0);
  });
});

/**
 * Three runs into one results folder all complete. Before:
 * - a run that got the folder's lock removed every `.*.tmp` there while cleaning up after
 *   killed runs, including the lock attempts of the runs still waiting, which then failed with
 *   "cannot lock the folder for writing (ENOENT)" after all their inference, and it said it had
 *   removed files "left by an interrupted run" of live processes;
 * - a lock naming the run's own pid and host (a container restarted as pid 1) was waited on for
 *   ten minutes, as was the lock of a Kubernetes pod killed while holding it (each retry pod
 *   has a new host name).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recoverFolder } from "../../src/results/publish.js";
import { LOCK_FILE, lockFolder } from "../../src/results/lock.js";
import { ensureBuilt, type Finished } from "../cli-process.js";
import { type RunOptions, startAs } from "../factories/processes.js";
import { hasShared, sharedPath } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-lock-runs-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("cleaning up a results folder", () => {
  it("removes only the temporary files that no live process can be writing", async () => {
    const dir = join(tmp, "recover");
    mkdirSync(dir);
    const old = new Date(Date.now() - 10 * 60_000);
    const file = (name: string, age: Date | null): void => {
      writeFileSync(join(dir, name), "x");
      if (age !== null) utimesSync(join(dir, name), age, age);
    };
    const dead = Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());
    file(`${LOCK_FILE}.${dead}.0badf00d.tmp`, null);
    file(`.sst2.json.${process.ppid}.0badf00d.tmp`, old);
    file(`.rte.json.${dead}.deadbeef.tmp`, old);
    expect(await recoverFolder(dir)).toEqual([`${dir}: removed .rte.json.${dead}.deadbeef.tmp, left by an interrupted run`]);
    expect(readdirSync(dir).sort()).toEqual([`${LOCK_FILE}.${dead}.0badf00d.tmp`, `.sst2.json.${process.ppid}.0badf00d.tmp`].sort());
  });
});

const RUNS = [
  ["sst2", "bert-tiny-sst2"],
  ["rte", "bert-tiny-rte"],
  ["wnli", "bert-tiny-wnli"],
] as const;

/** A container's view: a pid namespace of its own, where the run is pid 1. */
const CONTAINER = ["unshare", "--pid", "--fork", "--mount-proc"];
const containers = spawnSync(CONTAINER[0] as string, [...CONTAINER.slice(1), "true"]).status === 0;
if (!containers) console.warn("[glue-eval tests] SKIPPING the restarted-container lock test: unshare --pid cannot run here (needs root or user namespaces)");

describe.skipIf(!hasShared)("three runs of different tasks into one results folder", () => {
  beforeAll(() => ensureBuilt());
  const args = (out: string, task: string, model: string): string[] => [
    "--task", task, "--model", sharedPath("fixtures", "models", model), "--data-dir", sharedPath("data"), "--limit", "5", "--output-dir", out, "--no-cache", "--no-progress",
  ];
  const start = (out: string, options: RunOptions = {}) => RUNS.map(([task, model]) => startAs(args(out, task, model), options));
  const results = (out: string): string[] => readdirSync(out).filter((n) => !n.startsWith(".")).sort();
  const expected = ["rte.json", "rte.predictions.jsonl", "sst2.json", "sst2.predictions.jsonl", "wnli.json", "wnli.predictions.jsonl"];
  const allDone = async (runs: { done: Promise<Finished> }[]): Promise<string> => {
    const finished = await Promise.all(runs.map((r) => r.done));
    for (const f of finished) expect(f.code, f.stderr).toBe(0);
    return finished.map((f) => f.stderr).join("");
  };

  it("all complete when another run holds the lock: the one that gets it leaves the others' lock attempts alone", async () => {
    const out = join(tmp, "held");
    const held = await lockFolder(out, ["glue-eval", "test"]);
    const runs = start(out);
    for (let i = 0; i < 1200 && !runs.every((r) => r.stderr().includes(`${out}: waiting for pid ${process.pid}`)); i++) await new Promise((r) => setTimeout(r, 50));
    expect(runs.map((r) => r.stderr().includes("waiting for"))).toEqual([true, true, true]);
    await held.release();
    const stderr = await allDone(runs);
    expect(stderr).not.toMatch(/removed|took over/);
    expect(results(out)).toEqual(expected);
  });

  it.skipIf(!containers)("all complete, each as pid 1 of its own container, when the lock names pid 1 on this host (a container before its restart)", async () => {
    const out = join(tmp, "restarted");
    mkdirSync(out);
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: 1, host: hostname(), since: "2026-01-01T00:00:00.000Z", command: "glue-eval" }));
    const stderr = await allDone(start(out, { prefix: CONTAINER }));
    const takeOver = `${out}: took over the lock of pid 1 on ${hostname()}, since 2026-01-01T00:00:00.000Z, which is this process's pid in an earlier run (a restart)`;
    expect(stderr.split("\n").filter((l) => l.includes("took over"))).toEqual([takeOver]);
    expect(results(out)).toEqual(expected);
  }, 120_000);

  it("all complete when the lock names a pod on another host that was killed while holding it", async () => {
    const out = join(tmp, "killed-pod");
    mkdirSync(out);
    const pod = { pid: 1, host: "glue-eval-0-x7k2p", since: "2026-01-01T00:00:00.000Z", command: "glue-eval", token: "0123456789abcdef" };
    // A short refresh interval keeps the test fast; a real holder states 2 s.
    const identity = { boot: "5d0e0c3e-0000-4000-8000-000000000000", pidns: "pid:[4026532000]", start: "4242", refreshMs: 250 };
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ ...pod, ...identity }));
    const stderr = await allDone(start(out));
    expect(stderr.split("\n").filter((l) => l.includes("took over"))).toEqual([
      expect.stringMatching(new RegExp(`^${out}: took over the lock of pid 1 on glue-eval-0-x7k2p, since 2026-01-01T00:00:00.000Z, whose run stopped refreshing it`)),
    ]);
    expect(results(out)).toEqual(expected);
  }, 120_000);
});

/**
 * Taking over the lock of a run that cannot be running any more. Before, a lock was taken over
 * only when it named a pid of this host that no process had: a lock naming this very process
 * (a restarted container is pid 1 again, under the same host name) or a host whose run had
 * stopped (each retry of a Kubernetes pod has a new host name) was waited on for ten minutes,
 * and the run failed.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE, lockFolder } from "../../src/results/lock.js";
import { currentProcess } from "../../src/util/process-identity.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-lock-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SINCE = "2026-01-01T00:00:00.000Z";
let folders = 0;

/** A folder whose lock file holds `holder`, as another process wrote it. */
function lockedBy(holder: Record<string, unknown>): string {
  const dir = join(tmp, `folder-${folders++}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, LOCK_FILE), `${JSON.stringify({ since: SINCE, command: "glue-eval", ...holder })}\n`);
  return dir;
}

async function take(dir: string, waitMs: number): Promise<{ lines: string[]; error: unknown }> {
  const lines: string[] = [];
  try {
    const lock = await lockFolder(dir, ["glue-eval", "test"], { waitMs, onWait: (l) => lines.push(l), onTakeOver: (l) => lines.push(l) });
    expect(JSON.parse(readFileSync(lock.path, "utf8")).pid).toBe(process.pid);
    await lock.release();
    expect(existsSync(lock.path)).toBe(false);
    return { lines, error: null };
  } catch (error) {
    return { lines, error };
  }
}

describe("the folder lock of a run that cannot be running any more", () => {
  it("is taken over at once when it names this process but is none of its own (a restart)", async () => {
    const dir = lockedBy({ pid: process.pid, host: hostname() });
    const { lines, error } = await take(dir, 60_000);
    expect(error).toBeNull();
    expect(lines).toEqual([`${dir}: took over the lock of pid ${process.pid} on ${hostname()}, since ${SINCE}, which is this process's pid in an earlier run (a restart)`]);
  });

  it("is waited for when this process holds it", async () => {
    const dir = join(tmp, "own");
    const held = await lockFolder(dir, ["glue-eval", "first"]);
    const { lines, error } = await take(dir, 300);
    expect(String(error)).toContain(`${dir}: another glue-eval run is writing here (pid ${process.pid} on ${hostname()}`);
    expect(lines).toHaveLength(1);
    await held.release();
  });

  const me = currentProcess();
  it.skipIf(me.start === null)("is taken over when its pid now names a process that started at another time", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      const dir = lockedBy({ pid: child.pid, host: hostname(), boot: me.boot, pidns: me.pidns, start: "1", refreshMs: 2000 });
      const { lines, error } = await take(dir, 60_000);
      expect(error).toBeNull();
      expect(lines).toEqual([`${dir}: took over the lock of pid ${child.pid} on ${hostname()}, since ${SINCE}, which no longer runs`]);
    } finally {
      child.kill();
    }
  });

  const elsewhere = { pid: 1, host: "glue-eval-job-7fk2q", boot: "5d0e0c3e-0000-4000-8000-000000000000", pidns: "pid:[4026532000]", start: "4242", token: "0123456789abcdef" };

  it("is taken over when its holder on another machine stopped refreshing it", async () => {
    const dir = lockedBy({ ...elsewhere, refreshMs: 100 });
    const started = Date.now();
    const { lines, error } = await take(dir, 60_000);
    expect(error).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`${dir}: waiting for pid 1 on glue-eval-job-7fk2q, since ${SINCE} to finish writing here (or delete ${join(dir, LOCK_FILE)} if that run is gone)`);
    expect(lines[1]).toMatch(new RegExp(`^${dir}: took over the lock of pid 1 on glue-eval-job-7fk2q, since ${SINCE}, whose run stopped refreshing it \\d+\\.\\d s ago$`));
  });

  it("is waited for while its holder on another machine refreshes it, and when it states no refresh (older versions)", async () => {
    const refreshed = lockedBy({ ...elsewhere, refreshMs: 100 });
    const touch = setInterval(() => utimesSync(join(refreshed, LOCK_FILE), new Date(), new Date()), 50);
    try {
      expect(String((await take(refreshed, 1500)).error)).toContain("another glue-eval run is writing here (pid 1 on glue-eval-job-7fk2q");
    } finally {
      clearInterval(touch);
    }
    const older = lockedBy({ pid: 1, host: "glue-eval-job-7fk2q" });
    expect(String((await take(older, 1500)).error)).toContain("another glue-eval run is writing here (pid 1 on glue-eval-job-7fk2q");
  });
});

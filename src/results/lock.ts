/**
 * An exclusive lock on a folder, held by one process while it writes there: the file
 * `<dir>/.glue-eval.lock` names the holder (pid, host, start time, command). It is created
 * whole, by linking a finished temporary file to the lock's name (or, where the file system has
 * no links, by an exclusive create), so a reader does not find it half-written. A process that
 * finds the lock taken waits for it; a lock whose holder is a process of this host that no
 * longer exists (a run that was killed) is taken over at once.
 */
import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { ioReason } from "../errors.js";
import { isProcessAlive } from "../util/process-alive.js";

export const LOCK_FILE = ".glue-eval.lock";

/** Writing a task's results takes seconds; a holder that keeps the lock this long is likely gone (or on another host). */
export const LOCK_WAIT_MS = 10 * 60 * 1000;
const POLL_MS = 200;
/** A lock file that cannot be read for this long was left half-written by a killed process. */
const UNREADABLE_STALE_MS = 10_000;

interface Holder {
  pid: number;
  host: string;
  since: string;
  command: string;
}

/** The lock cannot be taken: another holder kept it past the wait, or the folder cannot be written. One line; the caller turns it into its own error type. */
export class FolderLockError extends Error {
  override name = "FolderLockError";
}

export interface FolderLock {
  readonly path: string;
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for another holder (default LOCK_WAIT_MS). */
  waitMs?: number;
  /** Told once, when the lock is taken by another run and waiting begins. */
  onWait?: (line: string) => void;
}

/** Takes the lock on `dir` (created if missing), waiting for another holder; throws one line naming it when the wait runs out. */
export async function lockFolder(dir: string, command: readonly string[], options: LockOptions = {}): Promise<FolderLock> {
  const path = join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command: command.join(" ") };
  const content = `${JSON.stringify(me)}\n`;
  const tmp = join(dir, `${LOCK_FILE}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const started = Date.now();
  let waiting = false;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, content);
    while (!(await create(tmp, path, content))) {
      const holder = await readHolder(path);
      if (await isStale(path, holder, me.host)) {
        // Read again just before removing: another process may have taken the stale lock over meanwhile.
        if (sameHolder(holder, await readHolder(path))) await rm(path, { force: true });
        continue;
      }
      if (Date.now() - started >= (options.waitMs ?? LOCK_WAIT_MS)) throw busy(dir, path, holder);
      if (!waiting) options.onWait?.(`${dir}: waiting for ${describe(holder)} to finish writing here (or delete ${path} if that run is gone)`);
      waiting = true;
      await delay(POLL_MS);
    }
  } catch (error) {
    if (error instanceof FolderLockError) throw error;
    throw new FolderLockError(`${dir}: cannot lock the folder for writing (${ioReason(error)})`, { cause: error });
  } finally {
    // Where the folder could not be made, removing the temporary file fails too: the error above is the one to tell.
    await rm(tmp, { force: true }).catch(() => undefined);
  }
  return {
    path,
    async release() {
      const holder = await readHolder(path);
      if (holder?.pid === me.pid && holder.host === me.host) await rm(path, { force: true });
    },
  };
}

const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

/** False when the lock exists already. */
async function create(tmp: string, path: string, content: string): Promise<boolean> {
  try {
    try {
      await link(tmp, path);
    } catch (error) {
      if (!NO_LINKS.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
      await writeFile(path, content, { flag: "wx" });
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

async function isStale(path: string, holder: Holder | null, host: string): Promise<boolean> {
  if (holder !== null) return holder.host === host && !isProcessAlive(holder.pid);
  try {
    return Date.now() - (await stat(path)).mtimeMs > UNREADABLE_STALE_MS;
  } catch {
    // Gone in the meantime: try again.
    return true;
  }
}

async function readHolder(path: string): Promise<Holder | null> {
  try {
    const value = JSON.parse(await readFile(path, "utf8")) as Partial<Holder>;
    if (typeof value.pid !== "number" || typeof value.host !== "string") return null;
    return { pid: value.pid, host: value.host, since: String(value.since ?? "?"), command: String(value.command ?? "") };
  } catch {
    return null;
  }
}

function sameHolder(a: Holder | null, b: Holder | null): boolean {
  return a === null || b === null ? a === b : a.pid === b.pid && a.host === b.host && a.since === b.since;
}

function describe(holder: Holder | null): string {
  return holder === null ? "an unknown process" : `pid ${holder.pid} on ${holder.host}, since ${holder.since}`;
}

function busy(dir: string, path: string, holder: Holder | null): FolderLockError {
  return new FolderLockError(`${dir}: another glue-eval run is writing here (${describe(holder)}); wait for it to finish, or delete ${path} if that run is gone`);
}

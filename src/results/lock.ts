/**
 * An exclusive lock on a folder, held by one process while it writes there: the file
 * `<dir>/.glue-eval.lock` names the holder (pid, host, start time, command, and who the process
 * is: process-identity.ts). It is created whole, by linking a finished temporary file to the
 * lock's name (or, where the file system has no links, by an exclusive create), so a reader does
 * not find it half-written. A process that finds the lock taken waits for it, unless the holder
 * cannot be running any more (lock-holder.ts): then the lock is taken over, with one line.
 */
import { randomBytes } from "node:crypto";
import { link, mkdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { ioReason } from "../errors.js";
import { describeHolder as describe, type Holder, ownTokens, readHolder, sameHolder, watcher, whyStale } from "./lock-holder.js";
import { currentProcess } from "../util/process-identity.js";

export const LOCK_FILE = ".glue-eval.lock";

/** Writing a task's results takes seconds; a holder that keeps the lock this long is likely gone (or on another host). */
export const LOCK_WAIT_MS = 10 * 60 * 1000;
const POLL_MS = 200;
/** How often a holder touches its lock file, for the processes that cannot look its pid up. */
export const REFRESH_MS = 2000;
const GUARD_STALE_MS = 10_000;
/** Times in a row the temporary file may vanish (another run cleaning the folder) before giving up. */
const VANISHED_RETRIES = 20;

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
  /** Told when the lock of a run that cannot be running any more is taken over. */
  onTakeOver?: (line: string) => void;
}

/** Takes the lock on `dir` (created if missing), waiting for another holder; throws one line naming it when the wait runs out. */
export async function lockFolder(dir: string, command: readonly string[], options: LockOptions = {}): Promise<FolderLock> {
  const path = join(dir, LOCK_FILE);
  const me = currentProcess();
  const token = randomBytes(8).toString("hex");
  const content = `${JSON.stringify({ ...me, since: new Date().toISOString(), command: command.join(" "), token, refreshMs: REFRESH_MS } satisfies Holder)}\n`;
  const tmp = join(dir, `${LOCK_FILE}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const started = Date.now();
  const watch = watcher();
  let waiting = false;
  let vanished = 0;
  ownTokens.add(token);
  try {
    await mkdir(dir, { recursive: true });
    for (;;) {
      const made = await create(tmp, path, content);
      if (made === "created") break;
      if (made === "vanished") {
        if (++vanished > VANISHED_RETRIES) throw new FolderLockError(`${dir}: cannot lock the folder for writing (its temporary files keep vanishing)`);
        continue;
      }
      vanished = 0;
      const holder = await readHolder(path);
      const reason = await whyStale(path, holder, me, watch);
      if (reason !== null) {
        if (reason !== "" && (await removeStale(path, holder)) && holder !== null) options.onTakeOver?.(`${dir}: took over the lock of ${describe(holder)}, ${reason}`);
        continue;
      }
      if (Date.now() - started >= (options.waitMs ?? LOCK_WAIT_MS)) throw busy(dir, path, holder);
      if (!waiting) options.onWait?.(`${dir}: waiting for ${describe(holder)} to finish writing here (or delete ${path} if that run is gone)`);
      waiting = true;
      await delay(POLL_MS);
    }
  } catch (error) {
    ownTokens.delete(token);
    if (error instanceof FolderLockError) throw error;
    throw new FolderLockError(`${dir}: cannot lock the folder for writing (${ioReason(error)})`, { cause: error });
  } finally {
    // Where the folder could not be made, removing the temporary file fails too: the error above is the one to tell.
    await rm(tmp, { force: true }).catch(() => undefined);
  }
  const refresh = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, REFRESH_MS);
  refresh.unref();
  return {
    path,
    async release() {
      clearInterval(refresh);
      if ((await readHolder(path))?.token === token) await rm(path, { force: true });
      ownTokens.delete(token);
    },
  };
}

/**
 * Removes the lock judged stale, unless another process took it over meanwhile. Several runs
 * that judge the same lock stale at once must not remove each other's new lock: the read and
 * the removal happen under a guard (a folder, created exclusively), one process at a time. A
 * guard left by a process killed inside those few milliseconds is removed once it is old.
 */
async function removeStale(path: string, judged: Holder | null): Promise<boolean> {
  const guard = `${path}.takeover`;
  try {
    await mkdir(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const made = await stat(guard).then(
      (s) => s.mtimeMs,
      () => null,
    );
    if (made !== null && Date.now() - made > GUARD_STALE_MS) await rm(guard, { recursive: true, force: true });
    return false;
  }
  try {
    if (!sameHolder(judged, await readHolder(path))) return false;
    await rm(path, { force: true });
    return true;
  } finally {
    await rm(guard, { recursive: true, force: true });
  }
}

const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

/**
 * One try at creating the lock from a temporary file written just for it (so that a killed
 * process leaves none behind for long). "vanished": the temporary file was removed before it
 * could be linked (another run cleaning the folder); "taken": the lock exists already.
 */
async function create(tmp: string, path: string, content: string): Promise<"created" | "taken" | "vanished"> {
  await writeFile(tmp, content);
  try {
    try {
      await link(tmp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (code === "ENOENT") return "vanished";
      if (!NO_LINKS.has(code)) throw error;
      await writeFile(path, content, { flag: "wx" });
    }
    return "created";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return "taken";
    throw error;
  } finally {
    await rm(tmp, { force: true });
  }
}

function busy(dir: string, path: string, holder: Holder | null): FolderLockError {
  return new FolderLockError(`${dir}: another glue-eval run is writing here (${describe(holder)}); wait for it to finish, or delete ${path} if that run is gone`);
}

/**
 * A task's results files appear as one set or not at all. They are written into a hidden
 * staging folder inside the results folder (same file system, so a rename moves them),
 * each flushed to the disk, `<task>.json` last, carrying the size and sha256 of every other
 * file. Then the files are renamed into place, `<task>.json` last. A run killed before
 * `<task>.json` reached the staging folder leaves the results folder untouched; one killed
 * while renaming leaves a staging folder that the next run into the folder completes; and a
 * reader that meets the folder in between sees files that do not match `<task>.json` and
 * refuses them (companions.ts).
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { GlueEvalError, ioReason } from "../errors.js";
import { syncDir, type FileData, writeDurable } from "../util/durable.js";
import { FolderLockError, lockFolder } from "./lock.js";
import type { CompanionFile, TaskResult } from "./schema.js";
import { isLeftoverTemp } from "../util/leftover.js";

export interface SetFile {
  name: string;
  data: FileData | (() => FileData);
}

const STAGING = /^\.(.+)\.staging-\d+-[0-9a-f]{8}$/;
const TEMPORARY = /^\..+\.tmp$/;

/** Writes `<task>.json` and its companions as one set; returns the result as written (with `files`). */
export async function writeTaskSet(dir: string, result: TaskResult, companions: readonly SetFile[]): Promise<TaskResult> {
  const staging = join(dir, `.${result.task}.staging-${process.pid}-${randomBytes(4).toString("hex")}`);
  let written: TaskResult;
  let current = join(dir, `${result.task}.json`);
  try {
    await mkdir(staging, { recursive: true });
    const files: Record<string, CompanionFile> = {};
    for (const file of companions) {
      current = join(dir, file.name);
      files[file.name] = await writeDurable(join(staging, file.name), typeof file.data === "function" ? file.data() : file.data);
    }
    written = { ...result, files };
    current = join(dir, `${result.task}.json`);
    const json = join(staging, `${result.task}.json`);
    await writeDurable(`${json}.tmp`, `${JSON.stringify(written, null, 2)}\n`);
    await rename(`${json}.tmp`, json);
    await syncDir(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Only the machine's errors (a full disk, a folder that cannot be written) are about writing.
    if (error instanceof GlueEvalError || (error as NodeJS.ErrnoException | null)?.code === undefined) throw error;
    throw new GlueEvalError("IO", `${current}: cannot write the results (${ioReason(error)}); ${dir} was left as it was`, { cause: error });
  }
  await publish(staging, dir, result.task);
  return written;
}

/** Renames a complete staging folder's files into `dir`, `<task>.json` last. */
async function publish(staging: string, dir: string, task: string): Promise<void> {
  const json = `${task}.json`;
  try {
    const names = (await readdir(staging)).filter((n) => n !== json && !n.endsWith(".tmp"));
    for (const name of names) await rename(join(staging, name), join(dir, name));
    await rename(join(staging, json), join(dir, json));
    await syncDir(dir);
    await rm(staging, { recursive: true, force: true });
  } catch (error) {
    throw new GlueEvalError("IO", `${join(dir, json)}: cannot move the results into place (${ioReason(error)}); the next run into ${dir} completes it`, { cause: error });
  }
}

/**
 * Cleans up after runs that were killed while writing into `dir`. The caller holds the lock,
 * and staging folders are made only under it, so none belongs to a live run: one that holds
 * its `<task>.json` is complete and is published, any other is removed. Temporary files are
 * written without the lock (a waiting run's lock attempt, a report written into the folder):
 * only those that no live process can be writing go (util/leftover.ts). Returns one line per
 * thing done.
 */
export async function recoverFolder(dir: string): Promise<string[]> {
  const done: string[] = [];
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return done;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const staging = STAGING.exec(entry.name);
    if (entry.isDirectory() && staging !== null) {
      const task = staging[1] ?? "";
      if (await isComplete(path, task)) {
        await publish(path, dir, task);
        done.push(`${dir}: completed the ${task} results of an interrupted run`);
      } else {
        await rm(path, { recursive: true, force: true });
        done.push(`${dir}: removed the unfinished ${task} results of an interrupted run`);
      }
    } else if (entry.isFile() && TEMPORARY.test(entry.name) && (await isLeftoverTemp(path, entry.name))) {
      await rm(path, { force: true });
      done.push(`${dir}: removed ${entry.name}, left by an interrupted run`);
    }
  }
  return done;
}

async function isComplete(staging: string, task: string): Promise<boolean> {
  try {
    return (await readdir(staging)).includes(`${task}.json`);
  } catch {
    return false;
  }
}

/** Runs `write` holding the lock on `dir` (waiting for another run's write), after cleaning up what killed runs left there. */
export async function withResultsFolder<T>(dir: string, command: readonly string[], info: (line: string) => void, write: () => Promise<T>): Promise<T> {
  const lock = await lockFolder(dir, command, { onWait: info, onTakeOver: info }).catch((error: unknown) => {
    throw error instanceof FolderLockError ? new GlueEvalError("IO", error.message, { cause: error }) : error;
  });
  try {
    for (const line of await recoverFolder(dir)) info(line);
    return await write();
  } finally {
    await lock.release();
  }
}

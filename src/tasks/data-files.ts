/**
 * A task's data file must be there before anything runs; when it is not, the error says how to
 * fetch it, with the data dir the command was given.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DataError } from "../errors.js";
import { dataFile, type TaskDefinition } from "./catalogue/index.js";

/** A word as a POSIX shell reads it back: quoted when it holds anything but plain path characters. */
export const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

/** The download command that fetches the tasks' data into `dataDir`. */
export const downloadCommand = (tasks: readonly string[], dataDir: string): string =>
  `glue-eval download --task ${tasks.join(",")} --data-dir ${shellWord(dataDir)}`;

/** The error for a data file that is not there: the file, and the command that fetches it (and the other tasks' missing data). */
export function missingDataError(file: string, tasks: readonly string[], dataDir: string): DataError {
  return new DataError({ file }, `no such file; fetch the data with \`${downloadCommand(tasks, dataDir)}\``);
}

/** Fails naming the first missing data file and one download command for every task whose file is missing. */
export function requireDataFiles(defs: readonly TaskDefinition[], dataDir: string, split: "dev" | "test"): void {
  const missing = defs.map((def) => ({ task: def.name, file: join(dataDir, dataFile(def, split)) })).filter(({ file }) => !existsSync(file));
  const [first] = missing;
  if (first !== undefined)
    throw missingDataError(
      first.file,
      missing.map((m) => m.task),
      dataDir,
    );
}

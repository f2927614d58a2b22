/**
 * A results folder must not mix the files of two runs (a run killed while moving its files
 * into place, two runs into one folder). `<task>.json` lists the size and sha256 of each
 * file written with it; a file of that name that differs is refused, naming both files.
 * A listed file that is missing is left to the reader that needs it (report works without
 * predictions; compare and submit say they are missing).
 */
import { stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { DataError } from "../errors.js";
import type { TaskResult } from "./schema.js";
import { sha256File } from "../util/hash.js";

export async function checkCompanions(file: string, result: TaskResult): Promise<void> {
  for (const [name, expected] of Object.entries(result.files ?? {})) {
    if (basename(name) !== name || name === "." || name === "..") throw new DataError({ file, field: `files.${name}` }, "must name a file in the same folder");
    if (typeof expected?.bytes !== "number" || typeof expected.sha256 !== "string") throw new DataError({ file, field: `files.${name}` }, "must give bytes and sha256");
    const path = join(dirname(file), name);
    let bytes: number;
    try {
      bytes = (await stat(path)).size;
    } catch {
      continue;
    }
    const differs = bytes !== expected.bytes ? `${bytes} bytes, ${file} lists ${expected.bytes}` : (await sha256File(path)) !== expected.sha256 ? `its sha256 differs from the one ${file} lists` : null;
    if (differs !== null) {
      throw new DataError({ file: path }, `is not the file written with ${file} (${differs}): the folder mixes the files of two runs; run the ${result.task} task into it again`);
    }
  }
}

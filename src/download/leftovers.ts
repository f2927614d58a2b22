/**
 * What killed downloads leave behind, found again on the next run. Extraction stages each
 * archive in a hidden folder named after the archive and the process (extract.ts); a folder
 * whose process is gone (or that has no process in its name, from older versions) is removed.
 * The `.part` files are kept: they are resumed.
 */
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { isProcessAlive } from "../util/process-identity.js";

const STAGING = /^\..+\.extract-(?:(\d+)-)?[0-9a-f]{8}$/;

/** Removes the extraction staging folders of dead processes in `dir`; returns their names. */
export async function removeStaleExtractions(dir: string): Promise<string[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = STAGING.exec(entry.name);
    if (!entry.isDirectory() || match === null) continue;
    const pid = match[1] === undefined ? null : Number(match[1]);
    if (pid !== null && isProcessAlive(pid)) continue;
    await rm(join(dir, entry.name), { recursive: true, force: true });
    removed.push(entry.name);
  }
  return removed;
}

/**
 * Whether a temporary file glue-eval wrote (`.<name>.<pid>.<8 hex>.tmp`: util/atomic.ts, the
 * folder lock's) was left by a process that is gone. Its pid alone cannot say so: the writer may
 * run on another machine that shares the folder, where the same pid means nothing here. A writer
 * keeps changing its file until it renames it (the lock's lives for one link), so a file is
 * taken for a leftover only once it has not changed for TEMP_GRACE_MS and no other process of
 * this machine has its pid.
 */
import { stat } from "node:fs/promises";
import { isProcessAlive } from "./process-identity.js";

export const TEMP_GRACE_MS = 60_000;

const PID = /\.(\d+)\.[0-9a-f]{8}\.tmp$/;

export async function isLeftoverTemp(path: string, name: string): Promise<boolean> {
  const changed = await stat(path).then(
    (s) => s.mtimeMs,
    () => null,
  );
  if (changed === null || Date.now() - changed < TEMP_GRACE_MS) return false;
  const pid = PID.exec(name)?.[1];
  return pid === undefined || Number(pid) === process.pid || !isProcessAlive(Number(pid));
}

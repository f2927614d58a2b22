/**
 * The holder a folder lock names (lock.ts), and whether it can still be running. A holder whose
 * pid this process can look up (same kernel boot and pid namespace, process-identity.ts) is gone
 * when no process has that pid, or one started at another time has it; a lock that names this
 * very process but is none of its own was left by an earlier life of the pid (a restarted
 * container is pid 1 again). A holder elsewhere (another machine, another container) touches its
 * lock file every `refreshMs`; one this process has watched go untouched for STALE_FACTOR times
 * that stopped. A lock from elsewhere that states no refresh (older versions) may be live.
 */
import { readFile, stat } from "node:fs/promises";
import { z } from "zod";
import { type ProcessIdentity, sharesProcessTable, stillRuns } from "../util/process-identity.js";

/** A lock file that cannot be read for this long was left half-written by a killed process. */
const UNREADABLE_STALE_MS = 10_000;
/** Missed refreshes after which a holder elsewhere counts as stopped (an event loop can be busy for a while). */
const STALE_FACTOR = 8;
const MIN_STALE_MS = 500;

export const Holder = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  since: z.string().catch("?"),
  command: z.string().catch(""),
  /** Tells this process's own locks from those an earlier process of the same pid left. */
  token: z.string().nullable().default(null),
  boot: z.string().nullable().default(null),
  pidns: z.string().nullable().default(null),
  start: z.string().nullable().default(null),
  refreshMs: z.number().positive().nullable().default(null),
});
export type Holder = z.infer<typeof Holder>;

/** The tokens of the locks this process holds or is taking. */
export const ownTokens = new Set<string>();

/** Why the holder cannot be running any more (the end of the take-over line), or null while it may be. */
export async function whyStale(path: string, holder: Holder | null, me: ProcessIdentity, watch: Watch): Promise<string | null> {
  if (holder === null) {
    const changed = await stat(path).then(
      (s) => s.mtimeMs,
      () => null,
    );
    // Gone in the meantime: try again.
    if (changed === null) return "";
    return Date.now() - changed > UNREADABLE_STALE_MS ? "whose lock file cannot be read" : null;
  }
  if (sharesProcessTable(holder, me)) {
    if (holder.pid === me.pid) return ownTokens.has(holder.token ?? "") ? null : "which is this process's pid in an earlier run (a restart)";
    return stillRuns(holder) ? null : "which no longer runs";
  }
  if (holder.refreshMs === null) return null;
  const unchanged = await watch(path);
  const limit = Math.max(MIN_STALE_MS, holder.refreshMs * STALE_FACTOR);
  return unchanged >= limit ? `whose run stopped refreshing it ${(unchanged / 1000).toFixed(1)} s ago` : null;
}

export type Watch = (path: string) => Promise<number>;

/** How long the lock file has stayed the same, by this process's clock (the holder's may differ). */
export function watcher(): Watch {
  let seen = "";
  let since = Date.now();
  return async (path) => {
    const s = await stat(path).catch(() => null);
    const now = s === null ? "" : `${s.ino}:${s.mtimeMs}:${s.size}`;
    if (now !== seen) {
      seen = now;
      since = Date.now();
    }
    return Date.now() - since;
  };
}

export async function readHolder(path: string): Promise<Holder | null> {
  try {
    const parsed = Holder.safeParse(JSON.parse(await readFile(path, "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function sameHolder(a: Holder | null, b: Holder | null): boolean {
  return a === null || b === null ? a === b : a.pid === b.pid && a.host === b.host && a.since === b.since && a.token === b.token;
}

export function describeHolder(holder: Holder | null): string {
  return holder === null ? "an unknown process" : `pid ${holder.pid} on ${holder.host}, since ${holder.since}`;
}

/**
 * Who a process is, beyond its pid: pids are reused, a restarted container is pid 1 again under
 * the same host name, and processes of two containers can share a pid and a host name. On Linux
 * the kernel's boot id and the pid namespace say whether a recorded pid is one this process can
 * look up at all, and the process's start time (clock ticks since boot) says whether the pid
 * still names the same process. Elsewhere these are null and the host name stands in for them.
 */
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";

export interface ProcessIdentity {
  pid: number;
  host: string;
  /** /proc/sys/kernel/random/boot_id: new at every boot of the kernel (containers share their host's). */
  boot: string | null;
  /** The pid namespace, as /proc/self/ns/pid names it ("pid:[4026531836]"). */
  pidns: string | null;
  /** Field 22 of /proc/<pid>/stat. */
  start: string | null;
}

const orNull = <T>(read: () => T): T | null => {
  try {
    return read();
  } catch {
    return null;
  }
};

/** The start time of a process of this pid namespace, or null where /proc cannot tell. */
export function processStart(pid: number): string | null {
  const stat = orNull(() => readFileSync(`/proc/${pid}/stat`, "utf8"));
  if (stat === null) return null;
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[19] ?? null;
}

export function currentProcess(): ProcessIdentity {
  return {
    pid: process.pid,
    host: hostname(),
    boot: orNull(() => readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim()) || null,
    pidns: orNull(() => readlinkSync("/proc/self/ns/pid")),
    start: processStart(process.pid),
  };
}

/** True when a process with this pid exists on this machine (EPERM: it exists, as another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * True when `other`'s pid can be looked up here: the same kernel boot and pid namespace where
 * both are known, else the same host name (a lock written before these were recorded, or a
 * system without /proc).
 */
export function sharesProcessTable(other: Pick<ProcessIdentity, "host" | "boot" | "pidns">, me: ProcessIdentity): boolean {
  if (other.boot !== null && other.pidns !== null && me.boot !== null && me.pidns !== null) return other.boot === me.boot && other.pidns === me.pidns;
  return other.host === me.host;
}

/** For a process whose pid can be looked up here (see sharesProcessTable): whether that very process still runs. */
export function stillRuns(other: Pick<ProcessIdentity, "pid" | "start">): boolean {
  if (!isProcessAlive(other.pid)) return false;
  const start = other.start === null ? null : processStart(other.pid);
  return start === null || start === other.start;
}

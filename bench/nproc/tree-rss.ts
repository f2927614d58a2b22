/**
 * A process and its children (glue-eval and its workers) run to the end, their peak resident
 * memory sampled from /proc: each process's VmHWM (its own peak) every 50 ms, summed over the
 * processes. A worker's peak comes during its inference, long before its exit, so a sample
 * misses little; the sum is at most what was resident at once. Linux only (null elsewhere).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const INTERVAL_MS = 50;

function readOr(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

const childrenOf = (pid: number): number[] =>
  readOr(`/proc/${pid}/task/${pid}/children`)
    .split(/\s+/)
    .filter((s) => s !== "")
    .map(Number);

const peakOf = (pid: number): number => Number(/^VmHWM:\s+(\d+) kB$/m.exec(readOr(`/proc/${pid}/status`))?.[1] ?? 0) * 1024;

/** Runs `node script ...args` to its exit; the sum of its processes' peaks, or null where /proc cannot tell. */
export function peakTreeRss(script: string, args: readonly string[]): Promise<number | null> {
  if (!existsSync("/proc/self/status")) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
    const peaks = new Map<number, number>();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const sample = (pid: number): void => {
      for (const p of [pid, ...childrenOf(pid)]) peaks.set(p, Math.max(peaks.get(p) ?? 0, peakOf(p)));
    };
    const timer = setInterval(() => sample(child.pid as number), INTERVAL_MS);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${script} exited ${code}: ${stderr.trim().split("\n").pop() ?? ""}`));
      else resolve([...peaks.values()].reduce((a, b) => a + b, 0));
    });
  });
}

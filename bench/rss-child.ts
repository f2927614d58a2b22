/** Child of rss.ts: runs one runEvaluation() from the config in argv[2] and prints its peak RSS. */
import { readFileSync } from "node:fs";
import type { RunConfig } from "../src/runner/config.js";
import { runEvaluation } from "../src/runner/run-evaluation.js";

/**
 * Linux keeps getrusage's maxRSS across fork and exec, so a child's maxRSS starts at its
 * parent's size (the bench process holds onnxruntime sessions). VmHWM belongs to this process's
 * own address space; resourceUsage() is the fallback elsewhere.
 */
function peakRssBytes(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm?.[1] !== undefined) return Number(hwm[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

// Written by rss.ts from a RunConfig it built itself.
const config = JSON.parse(process.argv[2] ?? "null") as RunConfig;
await runEvaluation(config, { warn: () => {}, info: () => {} });
process.stdout.write(`${JSON.stringify({ maxRssBytes: peakRssBytes() })}\n`);

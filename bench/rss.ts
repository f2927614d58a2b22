/**
 * Peak resident memory of glue-eval alone: a fresh child process runs one runEvaluation() and
 * reports its own maxRSS, since a process's peak covers everything it ever did.
 */
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { RunConfig } from "../src/runner/config.js";

const run = promisify(execFile);
const CHILD = join(dirname(fileURLToPath(import.meta.url)), "rss-child.js");

export async function peakRssOfEvaluate(config: RunConfig): Promise<number> {
  const { stdout } = await run(process.execPath, [CHILD, JSON.stringify(config)], { maxBuffer: 1 << 20 });
  const last = stdout.trim().split("\n").pop() ?? "";
  const parsed = JSON.parse(last) as { maxRssBytes?: unknown };
  if (typeof parsed.maxRssBytes !== "number") throw new Error(`rss child printed ${last}`);
  return parsed.maxRssBytes;
}

/** Shared by the shard tests: runs through the real CLI and what two results folders have in common. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect } from "vitest";
import { VOLATILE_FIELDS } from "../../src/results/schema.js";
import { type Finished, runCliProcess } from "../cli-process.js";
import { sharedPath } from "../shared.js";

export const fixtureModel = (name: string): string => sharedPath("fixtures", "models", name);

/** One evaluation on the shared data: quiet, one thread (as each of several processes on one machine would be). */
export function evalArgs(task: string, model: string, out: string, extra: readonly string[] = []): string[] {
  return ["--task", task, "--model", fixtureModel(model), "--data-dir", sharedPath("data"), "--output-dir", out, "--threads", "1", "--no-progress", ...extra];
}

export async function ok(run: Promise<Finished>): Promise<Finished> {
  const done = await run;
  expect(done.code, done.stderr).toBe(0);
  return done;
}

/** Every file under `dir`, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

/** `<task>.json` without the fields that differ between identical runs, with the given folder names replaced. */
export function stableResult(path: string, folders: readonly string[]): string {
  const result = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  for (const field of VOLATILE_FIELDS) delete result[field];
  let text = JSON.stringify(result, null, 2);
  for (const [i, folder] of folders.entries()) text = text.split(folder).join(`<folder ${i}>`);
  return text;
}

/** The largest absolute difference between two metric objects (0 when equal, Infinity when the keys differ). */
export function metricDifference(a: Record<string, number | null>, b: Record<string, number | null>): number {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  let worst = 0;
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (x === undefined || y === undefined || (x === null) !== (y === null)) return Number.POSITIVE_INFINITY;
    if (x !== null && y !== null) worst = Math.max(worst, Math.abs(x - y));
  }
  return worst;
}

export function runMerge(dir: string): Promise<Finished> {
  return runCliProcess(["merge", dir]);
}

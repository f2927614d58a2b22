/** Where the bench finds its inputs: the checkout, the reference material beside it, bench models. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the nearest folder above this file with a package.json (this file is bench/paths.ts, or dist-bench/bench/paths.js when built). */
export const ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));
/** Read-only reference material checked out beside the repository. */
export const SHARED = resolve(ROOT, "..", "shared");
/** Writable, git-ignored copies of the full-size models, with their weights filled in. */
export const BENCH_MODELS = join(ROOT, "bench-models");

export const sharedPath = (...parts: string[]): string => join(SHARED, ...parts);

/** Names of the full-size bench models shipped without their float weights. */
export const isBenchModelName = (name: string): boolean => existsSync(sharedPath("bench-models", name, "external_data_manifest.json"));

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** A fixture model name (bert-tiny-sst2), a bench model name (bert-base-random-cls) or a folder. */
export function modelLocation(nameOrDir: string): { kind: "fixture" | "bench" | "folder"; path: string } {
  if (/^[\w.-]+$/.test(nameOrDir)) {
    if (existsSync(sharedPath("fixtures", "models", nameOrDir))) return { kind: "fixture", path: sharedPath("fixtures", "models", nameOrDir) };
    if (isBenchModelName(nameOrDir)) return { kind: "bench", path: join(BENCH_MODELS, nameOrDir) };
  }
  return { kind: "folder", path: resolve(nameOrDir) };
}

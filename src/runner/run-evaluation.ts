/** runEvaluation(config): each model in turn, under its display name, into its results folder. */
import { join } from "node:path";
import { resolveModelFolder } from "../model/folder.js";
import { resolveModel } from "../model/hub.js";
import type { TaskResult } from "../results.js";
import { withUsableCache } from "./cache-root.js";
import type { Hooks, RunConfig } from "./config.js";
import { runModel } from "./run-model.js";

export interface ModelRun {
  name: string;
  outputDir: string;
  results: TaskResult[];
}

export async function runEvaluation(given: RunConfig, hooks: Hooks): Promise<ModelRun[]> {
  // An unusable cache folder is one warning, before any work; the run goes on without it.
  const config = await withUsableCache(given, hooks.warn);
  const runs: ModelRun[] = [];
  for (const [i, path] of config.models.entries()) {
    // A hub id (org/name) is downloaded into the HF cache first; a folder is used as it is.
    const local = await resolveModel(path, { dtype: config.dtype });
    const folder = { ...resolveModelFolder(local, config.dtype), path };
    const base = local === path ? folder.name : (path.split("/").pop() ?? folder.name);
    const name = config.names[i] ?? (config.dtype === "q8" ? `${base}-q8` : base);
    const outputDir = config.outputDir === null ? join("results", name) : config.models.length > 1 ? join(config.outputDir, name) : config.outputDir;
    runs.push({ name, outputDir, results: await runModel(config, { folder, name, outputDir }, hooks) });
  }
  return runs;
}

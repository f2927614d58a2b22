/**
 * The model rows of a run: each --model in each --dtype (a precision matrix is one model in
 * several dtypes), with its display name and results folder.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { ModelError, UsageError } from "../errors.js";
import { resolveModelFolder } from "../model/folder.js";
import { isRepoId, type ResolveModelOptions, resolveModel } from "../hub/resolve.js";
import { describeVariants, listVariants } from "../model/variants.js";
import type { Dtype } from "../precision.js";
import type { Hooks, RunConfig } from "./config.js";
import type { ModelTarget } from "./run-model.js";

/** The dtypes asked for, in order: "all" stands for every variant the folder has. */
export function requestedDtypes(config: Pick<RunConfig, "dtype">): readonly (Dtype | "all")[] {
  return typeof config.dtype === "string" ? [config.dtype] : config.dtype;
}

function expand(requested: readonly (Dtype | "all")[], local: string, path: string): Dtype[] {
  const out: Dtype[] = [];
  for (const d of requested) {
    const more = d === "all" ? listVariants(local).map((v) => v.dtype) : [d];
    if (d === "all" && more.length === 0) throw new ModelError(path, `--dtype all: the folder has ${describeVariants([])}`);
    for (const m of more) if (!out.includes(m)) out.push(m);
  }
  return out;
}

/**
 * Display name: the folder's name for fp32, `<name>-<dtype>` otherwise; a --name is used as
 * given for a single dtype and gets the same suffixes in a matrix.
 */
function rowName(base: string, explicit: string | null, dtype: Dtype, several: boolean): string {
  if (explicit !== null && !several) return explicit;
  const stem = explicit ?? base;
  return dtype === "fp32" ? stem : `${stem}-${dtype}`;
}

export async function planModelRows(config: RunConfig, hooks: Pick<Hooks, "warn">): Promise<ModelTarget[]> {
  const requested = requestedDtypes(config);
  const rows: Omit<ModelTarget, "outputDir">[] = [];
  for (const [i, path] of config.models.entries()) {
    const local = isDirectory(path);
    if (!local && requested.includes("all")) {
      if (isRepoId(path)) throw new UsageError("--dtype all lists a local folder's graphs; for a hub id name the dtypes (e.g. --dtype fp32,fp16,q8)");
      await resolveModel(path, hubOptions(config, hooks, "fp32"));
    }
    const dtypes = expand(requested, path, path);
    for (const dtype of dtypes) {
      // A hub id (org/name) is downloaded into the HF cache first; a folder is used as it is.
      const { dir, hub } = await resolveModel(path, hubOptions(config, hooks, dtype));
      const folder = { ...resolveModelFolder(dir, dtype), path, ...(hub === null ? {} : { hub }) };
      const base = local ? folder.name : (path.split("/").pop() ?? folder.name);
      rows.push({ folder, name: rowName(base, config.names[i] ?? null, dtype, dtypes.length > 1) });
    }
  }
  const several = rows.length > 1;
  return rows.map((row) => ({
    ...row,
    outputDir: config.outputDir === null ? join("results", row.name) : several ? join(config.outputDir, row.name) : config.outputDir,
  }));
}

function hubOptions(config: RunConfig, hooks: Pick<Hooks, "warn">, dtype: Dtype): ResolveModelOptions {
  return { dtype, ...(config.revision === undefined ? {} : { revision: config.revision }), warn: hooks.warn };
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

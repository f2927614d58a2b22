import { readdir, rename, rm, rmdir } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { GlueEvalError } from "../errors.js";
import type { DataSource, DownloadStep, RemoteFile } from "../tasks/catalogue/sources.js";
import { extractVerified } from "./extract.js";
import { fetchToPart, sizeOf } from "./fetch-file.js";
import { removeStaleExtractions } from "./leftovers.js";
import { deriveMrpc } from "./mrpc.js";
import { presentStep } from "./present.js";
import type { ProgressFactory } from "../util/progress.js";
import { isVerified, verifySha256, verifySize } from "./verify.js";

export interface DatasetDownloadOptions {
  dataDir: string;
  /** A mirror with the layout described in tasks/catalogue/sources.ts; replaces every official URL prefix. */
  baseUrl?: string;
  /** Download again even when the files are present and verified. */
  force?: boolean;
  progress?: ProgressFactory;
  /** One line per file fetched (for stderr). */
  log?: (line: string) => void;
  retryDelayMs?: number;
}

export interface DatasetResult {
  name: string;
  status: "present" | "downloaded";
  /** Files and archives whose sha256 was checked. */
  verified: string[];
  /** Files checked for presence only (no pinned hash). */
  unpinned: string[];
}

export function sourceUrl(file: RemoteFile, baseUrl: string | undefined): string {
  return baseUrl === undefined ? file.url : `${baseUrl.replace(/\/+$/, "")}/${file.mirrorPath}`;
}

/** Downloads, verifies and places the datasets one after the other; stops at the first failure. */
export async function downloadDatasets(specs: readonly DataSource[], options: DatasetDownloadOptions): Promise<DatasetResult[]> {
  const results: DatasetResult[] = [];
  for (const spec of specs) results.push(await downloadDataset(spec, options));
  return results;
}

export async function downloadDataset(spec: DataSource, options: DatasetDownloadOptions): Promise<DatasetResult> {
  for (const step of spec.steps) {
    if (step.kind !== "zip") continue;
    for (const name of await removeStaleExtractions(join(options.dataDir, step.extractTo)))
      options.log?.(`${spec.name}: removed ${name}, left by an interrupted extraction`);
  }
  const unpinned = spec.files.filter((f) => f.sha256 === null).map((f) => f.path);
  const pinned = spec.files.filter((f) => f.sha256 !== null).map((f) => f.path);
  if (options.force !== true && (await allPresent(spec, options.dataDir))) return { name: spec.name, status: "present", verified: pinned, unpinned };
  const verified: string[] = [];
  try {
    for (const step of spec.steps) verified.push(...(await runStep(spec, step, options)));
    if (spec.derive === "mrpc") await deriveMrpc(options.dataDir, spec.files.find((f) => f.path === "glue/MRPC/dev.tsv")?.sha256 ?? null);
  } catch (error) {
    if (error instanceof GlueEvalError && error.code === "INTEGRITY") await pruneEmptyDirs(options.dataDir, spec);
    throw error;
  }
  for (const path of pinned) if (!verified.includes(path)) verified.push(path);
  return { name: spec.name, status: "downloaded", verified, unpinned };
}

async function allPresent(spec: DataSource, dataDir: string): Promise<boolean> {
  for (const file of spec.files) if (!(await isVerified(join(dataDir, file.path), file.sha256))) return false;
  return true;
}

async function runStep(spec: DataSource, step: DownloadStep, options: DatasetDownloadOptions): Promise<string[]> {
  const present = options.force === true ? null : await presentStep(spec, step, options.dataDir);
  if (present !== null) return present;
  const url = sourceUrl(step, options.baseUrl);
  options.log?.(`${spec.name}: fetching ${url}`);
  if (step.kind === "file") {
    const target = join(options.dataDir, step.target);
    await fetchVerified(url, step, `${target}.part`, step.target, options);
    await rename(`${target}.part`, target);
    return step.sha256 === null ? [] : [step.target];
  }
  const archiveName = basename(step.mirrorPath);
  const dest = join(options.dataDir, step.extractTo);
  const part = join(dest, `${archiveName}.part`);
  await fetchVerified(url, step, part, archiveName, options);
  const prefix = `${step.extractTo}/`;
  const expected = spec.files.filter((f) => f.path.startsWith(prefix)).map((f) => ({ path: f.path.slice(prefix.length), sha256: f.sha256 }));
  try {
    await extractVerified(part, dest, expected, archiveName);
  } finally {
    await rm(part, { force: true });
  }
  const checked = expected.filter((m) => m.sha256 !== null).map((m) => `${prefix}${m.path}`);
  return step.sha256 === null ? checked : [archiveName, ...checked];
}

/**
 * Fetches into `part` and checks size and sha256. A `.part` left by an earlier run is resumed
 * (or, at full size, used as it is); when the result fails the check, it is deleted and the
 * file fetched once more from its first byte.
 */
async function fetchVerified(url: string, file: RemoteFile, part: string, label: string, options: DatasetDownloadOptions): Promise<void> {
  const resumed = (await sizeOf(part)) > 0;
  try {
    await fetchChecked(url, file, part, label, options);
  } catch (error) {
    if (!resumed || !(error instanceof GlueEvalError && error.code === "INTEGRITY")) throw error;
    options.log?.(`${label}: the partial download of an earlier run does not check out (${error.message}); fetching it again`);
    await fetchChecked(url, file, part, label, options);
  }
}

/** Fetches into `part` and checks size and sha256; a file that fails the check is deleted. */
async function fetchChecked(url: string, file: RemoteFile, part: string, label: string, options: DatasetDownloadOptions): Promise<void> {
  await fetchToPart(url, part, {
    label,
    ...(file.size === null ? {} : { expectedSize: file.size }),
    ...(options.progress === undefined ? {} : { progress: options.progress }),
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
  });
  try {
    if (file.size !== null) await verifySize(part, file.size, label);
    if (file.sha256 !== null) await verifySha256(part, file.sha256, label);
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}

/** After a rejected download, removes the folders it created if they hold nothing. */
async function pruneEmptyDirs(dataDir: string, spec: DataSource): Promise<void> {
  const dirs = new Set<string>();
  for (const file of spec.files) {
    for (let dir = dirname(join(dataDir, file.path)); relative(dataDir, dir) !== "" && !relative(dataDir, dir).startsWith(".."); dir = dirname(dir))
      dirs.add(dir);
  }
  const deepestFirst = [...dirs].sort((a, b) => b.length - a.length);
  for (const dir of deepestFirst) {
    try {
      if ((await readdir(dir)).length === 0) await rmdir(dir);
    } catch {
      // Missing or not empty: leave it.
    }
  }
}

/**
 * Reads a model's graph before it is loaded: its precision (from the ops and weights), the
 * external-data files its initializers name, and the digest of all of its bytes.
 */
import { stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, posix } from "node:path";
import { ModelError } from "../errors.js";
import type { Precision } from "../precision.js";
import { combinedDigest, type FileDigest, fileDigest } from "./digest.js";
import { type GraphSummary, readGraphSummary } from "./onnx/graph.js";
import { graphPrecision } from "./precision.js";

export interface ModelGraph {
  precision: Precision;
  /** The graph and its external-data files, named relative to the model folder. */
  files: FileDigest[];
  /** The model digest (digest.ts): the graph's sha256, or the digest of all its files. */
  sha256: string;
}

async function summaryOf(graphPath: string): Promise<GraphSummary> {
  try {
    return await readGraphSummary(graphPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== undefined) {
      throw new ModelError(graphPath, `cannot read the graph (${(error as NodeJS.ErrnoException).code})`, { cause: error });
    }
    throw new ModelError(graphPath, `not a readable ONNX graph (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

/** Checks that each location stays inside the graph's folder and is a file, as onnxruntime requires. */
async function checkLocations(graphPath: string, locations: readonly string[]): Promise<void> {
  for (const location of locations) {
    const normal = posix.normalize(location.replace(/\\/g, "/"));
    if (isAbsolute(location) || normal.startsWith("../") || normal === "..") {
      throw new ModelError(graphPath, `external data "${location}" lies outside the graph's folder`);
    }
    const info = await stat(join(dirname(graphPath), location)).catch(() => null);
    if (info === null || !info.isFile()) {
      throw new ModelError(graphPath, `the graph keeps weights in "${location}", which is missing beside it`);
    }
  }
}

async function digestOf(path: string, name: string, cacheDir: string | null): Promise<FileDigest> {
  try {
    return await fileDigest(path, name, cacheDir);
  } catch (error) {
    throw new ModelError(path, `cannot be read to hash it (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
}

/**
 * The files a graph needs besides itself: the external-data locations its initializers name,
 * relative to the graph's folder (what a download must fetch next to the graph).
 */
export async function externalDataFiles(graphPath: string): Promise<string[]> {
  return (await summaryOf(graphPath)).externalFiles;
}

/** The graph's precision alone (no digest): what it computes in, read from its ops and weights. */
export async function graphPrecisionOf(graphPath: string): Promise<Precision> {
  return graphPrecision(await summaryOf(graphPath));
}

/** The graph's output names, read from the graph without loading it. */
export async function graphOutputNames(graphPath: string): Promise<string[]> {
  return (await summaryOf(graphPath)).outputs.map((o) => o.name);
}

/**
 * Every file of a model: the graph, which the folder (or hub repository) calls `graphFile`
 * (e.g. onnx/model.onnx), then its external-data files, as paths relative to the same folder.
 * `graphPath` is where the graph is on disk.
 */
export async function graphFiles(graphPath: string, graphFile: string): Promise<string[]> {
  const folder = posix.dirname(graphFile);
  return [graphFile, ...(await externalDataFiles(graphPath)).map((location) => posix.join(folder, location))];
}

/**
 * Precision, files and digest of the graph at `graphPath`, which the model folder calls
 * `graphFile` (e.g. onnx/model.onnx). `cacheDir` keeps file digests between runs (null: hash every time).
 */
export async function inspectModel(graphPath: string, graphFile: string, cacheDir: string | null): Promise<ModelGraph> {
  const summary = await summaryOf(graphPath);
  await checkLocations(graphPath, summary.externalFiles);
  const graph = await digestOf(graphPath, basename(graphPath), cacheDir);
  const data: FileDigest[] = [];
  for (const location of summary.externalFiles) data.push(await digestOf(join(dirname(graphPath), location), location, cacheDir));
  const folderRelative = (f: FileDigest, name: string): FileDigest => ({ ...f, file: posix.join(posix.dirname(graphFile), name) });
  return {
    precision: graphPrecision(summary),
    files: [folderRelative(graph, graph.file), ...data.map((d) => folderRelative(d, d.file))],
    sha256: combinedDigest(graph, data),
  };
}

/**
 * The large-model case (--large): a 1.56 B-parameter encoder whose 5.8 GiB of weights sit in
 * model.onnx_data. Two processes of their own (large/child.ts): one hashes the model (first on
 * an empty digest cache, then from it) and creates a session; one runs glue-eval on the first
 * MNLI pairs. While each runs, the bench samples its /proc/<pid>/maps for mappings of the
 * weight file. One pass: the case takes a minute or two.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveModelFolder } from "../../src/model/folder.js";
import { harnessConfig } from "../harness.js";
import { modelLocation } from "../paths.js";
import type { CaseSpec } from "../prepare.js";
import { ensureBenchModel, modelBytes } from "../weights.js";
import { weightHolding } from "./holding.js";
import { type FileMapping, maxMapping, readMappings } from "./proc.js";
import { type EvaluateOutput, LARGE_TARGETS, type LargeJob, type LargeSection, type LoadOutput } from "./types.js";

const CHILD = join(dirname(fileURLToPath(import.meta.url)), "child.js");
/** How often the bench reads the child's maps. */
const SAMPLE_MS = 250;

export interface LargeOptions {
  scratch: string;
  dataDir: string;
  log(message: string): void;
}

export async function benchLarge(spec: CaseSpec, o: LargeOptions): Promise<LargeSection> {
  const location = modelLocation(spec.model);
  if (location.kind === "bench") ensureBenchModel(basename(location.path), location.path, o.log);
  const folder = resolveModelFolder(location.path, "fp32");
  const manifest = readManifest(location.path);
  const dataFile = manifest.dataFile ?? `${basename(folder.onnxPath)}_data`;
  const weightBytes = modelBytes(folder.onnxPath);
  const threads = availableParallelism();
  // Empty at first: the first digest is a first use; the evaluation then finds it cached.
  const cacheDir = join(o.scratch, "cache");
  o.log(`bench: large: ${basename(location.path)}, ${(weightBytes / 2 ** 30).toFixed(2)} GiB: digest and session`);
  const load = await watched<LoadOutput>({ mode: "load", onnxPath: folder.onnxPath, graphFile: folder.onnxFile, cacheDir, threads, dataFile }, dataFile);
  o.log(`  digest ${load.out.firstSeconds.toFixed(1)}s, from the cache ${load.out.cachedSeconds.toFixed(3)}s; session ${load.out.loadSeconds.toFixed(1)}s`);
  const config = harnessConfig(
    {
      modelPath: location.path,
      task: spec.task,
      limit: spec.limit,
      batchSize: spec.batchSize,
      maxSeqLength: spec.maxSeqLength,
      dataDir: o.dataDir,
      dtype: "fp32",
    },
    join(o.scratch, "out"),
    cacheDir,
  );
  const run = await watched<EvaluateOutput>({ mode: "evaluate", config, dataFile }, dataFile);
  const e = run.out;
  o.log(
    `  ${spec.task}: ${e.n} examples in ${e.taskSeconds.toFixed(1)}s (whole call ${e.wholeCallSeconds.toFixed(1)}s); peak RSS ${(e.peakRssBytes / 2 ** 30).toFixed(2)} GiB`,
  );
  const samples = load.samples + run.samples;
  // The children's own snapshots count as samples too.
  const widest = [run.maxMapping, load.out.afterLoad.weights, e.afterInference.weights].reduce(maxMapping, load.maxMapping);
  return {
    model: basename(location.path),
    parameters: manifest.parameters,
    weightBytes,
    dataFile,
    task: spec.task,
    n: e.n,
    threads,
    digest: { sha256: load.out.sha256, firstSeconds: load.out.firstSeconds, cachedSeconds: load.out.cachedSeconds },
    loadSeconds: load.out.loadSeconds,
    glueEval: { taskSeconds: e.taskSeconds, wholeCallSeconds: e.wholeCallSeconds, examplesPerSecond: e.n / e.taskSeconds },
    peakRss: { bytes: e.peakRssBytes, limitBytes: weightBytes + LARGE_TARGETS.rssHeadroomBytes, loadBytes: load.out.peakRssBytes },
    weights: {
      ...weightHolding({ dataFile, weightBytes, afterLoad: load.out.afterLoad, afterInference: e.afterInference, maxMapping: widest, samples }),
      afterLoad: load.out.afterLoad,
      afterInference: e.afterInference,
      maxMapping: widest,
      samples,
    },
  };
}

function readManifest(dir: string): { dataFile: string | null; parameters: number | null } {
  const path = join(dir, "external_data_manifest.json");
  if (!existsSync(path)) return { dataFile: null, parameters: null };
  const m = JSON.parse(readFileSync(path, "utf8")) as { data_file?: unknown; params?: unknown };
  return { dataFile: typeof m.data_file === "string" ? m.data_file : null, parameters: typeof m.params === "number" ? m.params : null };
}

/**
 * Runs the child on `job`, reading its /proc/<pid>/maps every SAMPLE_MS for mappings of
 * `dataFile` (maps, not smaps: reading smaps walks the page tables of a 6 GB process and would
 * take CPU from the child it measures; the child reads its own smaps at two points).
 */
function watched<T>(job: LargeJob, dataFile: string): Promise<{ out: T; maxMapping: FileMapping; samples: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, JSON.stringify(job)], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let widest: FileMapping = { mappings: 0, sizeBytes: 0, rssBytes: 0 };
    let samples = 0;
    const timer = setInterval(() => {
      const s = child.pid === undefined ? null : readMappings(child.pid, dataFile);
      if (s === null) return;
      widest = maxMapping(widest, s);
      samples++;
    }, SAMPLE_MS);
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearInterval(timer);
      if (code === 0) resolve({ out: JSON.parse(stdout.trim().split("\n").pop() ?? "null") as T, maxMapping: widest, samples });
      else reject(new Error(`large-model ${job.mode} step exited ${code ?? signal}: ${stderr.trim().split("\n").pop() ?? ""}`));
    });
  });
}

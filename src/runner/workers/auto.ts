/**
 * What `--nproc auto` measures before any worker starts: the cores, the free memory, the
 * visible GPUs, the examples of the run's tasks and the size of the weights. Each measure is
 * cheap (a count of lines or keys, file sizes), since it is paid by every run that asks.
 */
import { readdirSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { availableParallelism, freemem } from "node:os";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../../errors.js";
import { externalDataFiles, graphPrecisionOf } from "../../model/inspect.js";
import { catalogue, dataFile } from "../../tasks/catalogue/index.js";
import type { RunConfig } from "../config.js";
import type { ModelTarget } from "../run-model.js";
import { autoPlan, fixedPlan, LARGE_WEIGHTS, type Measured, type WorkerPlan } from "./plan.js";

type Env = Readonly<Record<string, string | undefined>>;

/** Where the NVIDIA driver lists the machine's GPUs, one folder each. */
export const NVIDIA_GPUS = "/proc/driver/nvidia/gpus";

/**
 * The GPUs this process may use: the devices CUDA_VISIBLE_DEVICES names (CUDA stops at the
 * first entry that is not an index or a GPU/MIG UUID, so "-1" hides them all), else every GPU
 * the driver lists; null when neither says.
 */
export function visibleGpus(env: Env = process.env, driverList: string = NVIDIA_GPUS): number | null {
  const visible = env.CUDA_VISIBLE_DEVICES;
  if (visible !== undefined) {
    const entries = visible.split(",").map((e) => e.trim());
    const firstInvalid = entries.findIndex((e) => !/^\d+$/.test(e) && !/^(GPU|MIG)-/.test(e));
    return firstInvalid < 0 ? entries.length : firstInvalid;
  }
  try {
    return readdirSync(driverList).length;
  } catch {
    return null;
  }
}

/** The cores onnxruntime may use: --threads when given, else the machine's. */
export const coresOf = (config: Pick<RunConfig, "threads">): number => (config.threads > 0 ? config.threads : availableParallelism());

/** The matches of `pattern` in a file, or its lines when null; 0 when it cannot be read (the run itself then says why). */
async function countMatches(file: string, pattern: RegExp | null): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return 0;
  }
  if (pattern !== null) return bytes.toString("utf8").match(pattern)?.length ?? 0;
  let lines = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? lines + 1 : lines;
}

/**
 * Examples of every task after --limit: a GLUE file's lines (one row each, quoting off) less
 * its header, a SQuAD file's "question" keys (a key's quotes are never escaped, a text's are).
 */
export async function countExamples(config: Pick<RunConfig, "tasks" | "options">): Promise<number> {
  let total = 0;
  for (const name of config.tasks) {
    const def = catalogue[name];
    const file = join(config.options.dataDir, dataFile(def, config.options.split));
    const layout = def.format === "tsv" ? (config.options.split === "test" ? def.test : def.dev) : null;
    const found = layout === null ? await countMatches(file, /"question"\s*:/g) : Math.max(0, (await countMatches(file, null)) - (layout.hasHeader ? 1 : 0));
    total += config.options.limit === null ? found : Math.min(found, config.options.limit);
  }
  return total;
}

/**
 * The graph and its external-data files, in bytes. Exporters name external data after the graph
 * (model.onnx_data, model.onnx.data): when those alone make the weights large, the graph is not
 * read (its list of initializers takes BERT-base 0.1 s); else its own list counts.
 */
export async function weightBytes(onnxPath: string): Promise<number> {
  const size = async (file: string): Promise<number> => (await stat(join(dirname(onnxPath), file))).size;
  const sum = async (files: readonly string[]): Promise<number> => (await Promise.all(files.map(size))).reduce((a, b) => a + b, 0);
  const graph = basename(onnxPath);
  const named = await sum((await readdir(dirname(onnxPath))).filter((f) => f.startsWith(graph)));
  if (named > LARGE_WEIGHTS) return named;
  return sum([graph, ...(await externalDataFiles(onnxPath))]);
}

/** Everything `auto` decides from, for the run's model rows. */
export async function measure(config: RunConfig, targets: readonly ModelTarget[], env: Env = process.env): Promise<Measured> {
  let weights = 0;
  let unshardable = false;
  for (const target of targets) {
    weights = Math.max(weights, await weightBytes(target.folder.onnxPath));
    if (config.batchOrder === "length" && (await graphPrecisionOf(target.folder.onnxPath)).batchDependent) unshardable = true;
  }
  return { cores: coresOf(config), freeBytes: freemem(), gpus: visibleGpus(env), examples: await countExamples(config), weightBytes: weights, unshardable };
}

/**
 * The split of a run: null for one process (`--nproc 1`, the default), else the plan; `auto`
 * may choose one worker, which runs in this process and is recorded as the choice.
 */
export async function choosePlan(config: RunConfig, targets: readonly ModelTarget[]): Promise<WorkerPlan | null> {
  const nproc = config.nproc ?? 1;
  if (nproc === 1) return null;
  if (nproc === "auto") return autoPlan(config, await measure(config, targets));
  if (config.batchOrder === "length") {
    for (const target of targets) {
      if ((await graphPrecisionOf(target.folder.onnxPath)).batchDependent) {
        throw new UsageError(
          `--nproc ${nproc} cannot reproduce --batch-order length on ${target.folder.onnxPath}: its outputs depend on which examples share a batch (dynamic quantization); leave --batch-order at auto or use file, or run one process`,
        );
      }
    }
  }
  return fixedPlan(nproc, config, coresOf(config), config.executionProvider === "cpu" ? null : visibleGpus());
}

/**
 * Before any work: a run does not replace a result in its folder that covers more examples, or
 * other data, another model, tokenizer or other flags, unless `--overwrite` is given. A
 * `--limit 50` run into the default folder used to replace the full dev-set result without a
 * word; the table then showed the subset's score where the dev-set score had been.
 *
 * A rerun of the same setup over as many examples or more (a killed run resumed, a full run
 * after a `--limit` one) goes ahead.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../errors.js";
import { readModelConfig } from "../model/config.js";
import { inspectModel } from "../model/inspect.js";
import { RESULT_SCHEMA, type TaskResult } from "../results/schema.js";
import { type TaskName, taskDefinition } from "../tasks/catalogue/index.js";
import { sha256File } from "../util/hash.js";
import { resolveBatchOrder, type RunConfig } from "./config.js";
import type { ModelTarget } from "./run-model.js";
import { shardFolder } from "./shard.js";

/** A result file already in the folder, or null when there is none (or it is not one glue-eval can read: the write replaces it). */
async function existingResult(file: string): Promise<TaskResult | null> {
  if (!existsSync(file)) return null;
  try {
    const value = JSON.parse(await readFile(file, "utf8")) as Partial<TaskResult> | null;
    return value?.schema === RESULT_SCHEMA && typeof value.n === "number" ? (value as TaskResult) : null;
  } catch {
    return null;
  }
}

/** The data file a task reads for the run's split and the split's name, as tasks/glue/read.ts and tasks/squad/task.ts name them. */
function plannedData(config: Pick<RunConfig, "options">, task: TaskName): { file: string; split: string } | null {
  const def = taskDefinition(task);
  if (def === undefined) return null;
  if (def.kind === "qa") return { file: join(config.options.dataDir, "squad", def.file), split: "dev" };
  const layout = config.options.split === "test" ? def.test : def.dev;
  return { file: join(config.options.dataDir, "glue", layout.file), split: layout.split };
}

/** The config entries this run will record that can differ between two runs of one task, as record.ts and the tasks write them. */
function plannedFlags(config: RunConfig, task: TaskName, modelMax: number | null, batchOrder: string): Record<string, string | number | boolean | null> {
  const def = taskDefinition(task);
  const requested = config.maxSeqLength ?? def?.maxSeqLength ?? 0;
  const flags: Record<string, string | number | boolean | null> = {
    max_seq_length: modelMax === null ? requested : Math.min(requested, modelMax),
    batch_size: config.options.batchSize,
    batch_order: batchOrder,
  };
  if (def !== undefined && def.kind === "qa") {
    Object.assign(flags, { doc_stride: config.options.docStride, n_best_size: config.options.nBestSize, max_answer_length: config.options.maxAnswerLength });
    if (def.version2) flags.null_score_diff_threshold = config.options.nullScoreDiffThreshold;
  }
  return flags;
}

/** Examples the run will cover, given the split's size as the existing result records it. */
function plannedExamples(config: Pick<RunConfig, "options">, splitSize: number): number {
  return config.options.limit === null ? splitSize : Math.min(config.options.limit, splitSize);
}

/** Why this run must not replace `old`; null when it may. */
async function conflict(
  config: RunConfig,
  target: ModelTarget,
  task: TaskName,
  old: TaskResult,
  model: () => Promise<{ sha256: string; batchOrder: string }>,
): Promise<string | null> {
  const data = plannedData(config, task);
  if (data !== null && data.split !== old.split) return `over the ${old.split} split`;
  if (data !== null && existsSync(data.file) && (await sha256File(data.file)) !== old.data.sha256) return `over other data (${old.data.file})`;
  const { sha256, batchOrder } = await model();
  if (sha256 !== old.model.sha256) return `of another model (sha256 ${old.model.sha256.slice(0, 12)}…, this run's ${sha256.slice(0, 12)}…)`;
  if (existsSync(target.folder.tokenizerPath) && (await sha256File(target.folder.tokenizerPath)) !== old.tokenizer.sha256) return "with another tokenizer";
  const modelConfig = await readModelConfig(target.folder.configPath);
  for (const [key, value] of Object.entries(plannedFlags(config, task, modelConfig.modelMaxLength, batchOrder))) {
    if (Object.hasOwn(old.config, key) && old.config[key] !== value)
      return `with other flags (${key} ${JSON.stringify(old.config[key])}, this run's ${JSON.stringify(value)})`;
  }
  if ((old.config.label_map ?? null) !== (config.options.labelMap?.join(",") ?? null))
    return `with other flags (label map ${JSON.stringify(old.config.label_map ?? null)})`;
  if (config.shard !== undefined) {
    if ((old.config.limit ?? null) !== config.options.limit)
      return `with other flags (limit ${JSON.stringify(old.config.limit ?? null)}, this run's ${JSON.stringify(config.options.limit)})`;
    return null;
  }
  const splitSize = old.partial?.of ?? old.n;
  const planned = plannedExamples(config, splitSize);
  if (old.n > planned) return `over ${old.n} of ${splitSize} examples, more than this run's ${planned}`;
  return null;
}

/** Throws a one-line usage error for the first result this run would replace and must not (see the header). */
export async function checkReplacements(config: RunConfig, targets: readonly ModelTarget[]): Promise<void> {
  // Nothing is replaced when nothing is written (the library without an output folder).
  if (config.overwrite === true || config.write === false) return;
  for (const target of targets) {
    const dir = config.shard === undefined ? target.outputDir : shardFolder(target.outputDir, config.shard);
    // Hashed only when a result is in the way, and once per model row.
    let facts: Promise<{ sha256: string; batchOrder: string }> | null = null;
    const model = () => {
      facts ??= inspectModel(target.folder.onnxPath, target.folder.onnxFile, config.cacheDir).then((g) => ({
        sha256: g.sha256,
        batchOrder: resolveBatchOrder(config, g.precision),
      }));
      return facts;
    };
    for (const task of config.tasks) {
      const file = join(dir, `${task}.json`);
      const old = await existingResult(file);
      if (old === null) continue;
      const why = await conflict(config, target, task, old, model);
      if (why !== null) {
        throw new UsageError(`${file} holds a result ${why}, which this run would replace: give another --output-dir, or --overwrite to replace it`);
      }
    }
  }
}

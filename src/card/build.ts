/**
 * A model's results as the hub shows them: one `.eval_results/<task>.yaml` per scored task (the
 * hub's current format, read by huggingface_hub's `parse_eval_result_entries`) and the older
 * `model-index` of the README's front matter (read by `ModelCardData`). Pure data; yaml.ts
 * writes it out.
 */
import { DataError } from "../errors.js";
import type { LoadedTask } from "../results/read.js";
import { catalogue, isTaskName, type TaskDefinition } from "../tasks/catalogue/index.js";
import { HUB_DATASETS, type HubDataset, TASK_TYPE_NAMES } from "./datasets.js";
import { cardMetric } from "./metrics.js";
import { entryNotes, limitedTo } from "./notes.js";

/** One entry of `.eval_results/*.yaml`, with the field names and nesting the hub reads. */
export interface EvalResultEntry {
  dataset: { id: string; task_id: string };
  value: number;
  date: string;
  notes: string;
}

export interface ModelIndexResult {
  task: { type: string; name: string };
  dataset: { name: string; type: string; config: string; split: string };
  metrics: { type: string; value: number; name: string }[];
}

export interface ModelIndexEntry {
  name: string;
  results: ModelIndexResult[];
}

export interface Card {
  /** By task name, in the order the results were read. */
  evalResults: { task: string; entries: EvalResultEntry[] }[];
  modelIndex: ModelIndexEntry[];
  /** Tasks left out, each with the reason. */
  skipped: string[];
}

const isScore = (value: number | null | undefined): value is number => typeof value === "number" && Number.isFinite(value);

/**
 * The card of one model's results. Refuses a shard's results (they score part of the set);
 * leaves out, with the reason, a task without a score (an unlabelled split) or one glue-eval no
 * longer knows.
 */
export function buildCard(tasks: readonly LoadedTask[], modelName: string): Card {
  const card: Card = { evalResults: [], modelIndex: [{ name: modelName, results: [] }], skipped: [] };
  for (const { result, file } of tasks) {
    if (result.shard !== undefined) {
      throw new DataError(
        { file, field: "shard" },
        `one shard (--shard ${result.shard.index}/${result.shard.count}) of a run: join the shards with glue-eval merge, then make the card from the merged results`,
      );
    }
    if (!isTaskName(result.task)) {
      card.skipped.push(`${result.task}: not a task this glue-eval knows`);
      continue;
    }
    const def: TaskDefinition = catalogue[result.task];
    const primary = result.metrics[def.primary];
    if (!isScore(primary)) {
      card.skipped.push(`${result.task}: no ${def.primary} in ${file} (an unlabelled split, or an undefined score)`);
      continue;
    }
    const hub: HubDataset = HUB_DATASETS[result.task];
    const entry: EvalResultEntry = {
      dataset: { id: hub.id, task_id: hub.config },
      value: primary,
      date: result.date,
      notes: entryNotes(result, def, def.primary),
    };
    card.evalResults.push({ task: result.task, entries: [entry] });
    const metrics = Object.entries(result.metrics).flatMap(([key, value]) => {
      const named = cardMetric(key, result.tunedOnEval);
      return named !== undefined && isScore(value) ? [{ type: named.type, value, name: named.name }] : [];
    });
    const datasetName = def.kind === "qa" ? def.title : `GLUE ${def.title}`;
    // A --limit run scored the first n rows, which HF datasets names as a slice of the split.
    const limited = limitedTo(result);
    (card.modelIndex[0] as ModelIndexEntry).results.push({
      task: { type: hub.taskType, name: TASK_TYPE_NAMES[hub.taskType] },
      dataset: { name: datasetName, type: hub.id, config: hub.config, split: limited === null ? hub.split : `${hub.split}[:${limited}]` },
      metrics,
    });
  }
  if (card.evalResults.length === 0) {
    const where = tasks[0]?.file ?? "the results folder";
    throw new DataError({ file: where }, `nothing to put on a card: no task has a score (${card.skipped.join("; ")})`);
  }
  return card;
}

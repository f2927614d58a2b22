/**
 * The card's files read back the way huggingface_hub reads them (YAML 1.1, as PyYAML's
 * `safe_load`): `parse_eval_result_entries` for `.eval_results/*.yaml` and
 * `model_index_to_eval_results` (what `ModelCardData` runs on `model-index`), ported field by
 * field: a key those functions index with `[...]` is required here too, one they read with
 * `.get(...)` is optional.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";

type Json = Record<string, unknown>;

function required(object: unknown, key: string, where: string): unknown {
  if (typeof object !== "object" || object === null || !(key in object)) throw new Error(`${where}: KeyError '${key}'`);
  return (object as Json)[key];
}

const optional = (object: unknown, key: string): unknown => (typeof object === "object" && object !== null ? (object as Json)[key] : undefined);

export const readYaml = (file: string): unknown => parse(readFileSync(file, "utf8"), { version: "1.1" });

/** huggingface_hub's EvalResultEntry, as parse_eval_result_entries fills it. */
export function parseEvalResultEntries(data: unknown, where: string) {
  if (!Array.isArray(data)) throw new Error(`${where}: not a list`);
  return data.map((item: unknown) => {
    const dataset = optional(item, "dataset") ?? {};
    const source = optional(item, "source") ?? {};
    return {
      dataset_id: required(dataset, "id", where),
      value: required(item, "value", where),
      task_id: required(dataset, "task_id", where),
      dataset_revision: optional(dataset, "revision"),
      date: optional(item, "date"),
      source_url: optional(source, "url"),
      notes: optional(item, "notes"),
    };
  });
}

/** huggingface_hub's flattened EvalResult list, as model_index_to_eval_results makes it. */
export function modelIndexToEvalResults(modelIndex: unknown, where: string) {
  if (!Array.isArray(modelIndex)) throw new Error(`${where}: model-index is not a list`);
  return modelIndex.flatMap((elem: unknown) => {
    const name = required(elem, "name", where);
    return (required(elem, "results", where) as unknown[]).flatMap((result) => {
      const task = required(result, "task", where);
      const dataset = required(result, "dataset", where);
      const common = {
        name,
        task_type: required(task, "type", where),
        task_name: optional(task, "name"),
        dataset_type: required(dataset, "type", where),
        dataset_name: required(dataset, "name", where),
        dataset_config: optional(dataset, "config"),
        dataset_split: optional(dataset, "split"),
      };
      return (required(result, "metrics", where) as unknown[]).map((metric) => ({
        ...common,
        metric_type: required(metric, "type", where),
        metric_value: required(metric, "value", where),
        metric_name: optional(metric, "name"),
      }));
    });
  });
}

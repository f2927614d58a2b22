/** How a metric's value is shown: GLUE scores ×100, SQuAD scores as they are, counts, raw thresholds. */
import { taskDefinition } from "../tasks/catalogue/index.js";

export type MetricUnit = "fraction" | "percent" | "count" | "raw";

export function metricUnit(task: string, key: string): MetricUnit {
  if (key === "total" || key.endsWith("_total")) return "count";
  if (key.endsWith("_thresh")) return "raw";
  return taskDefinition(task)?.kind === "qa" ? "percent" : "fraction";
}

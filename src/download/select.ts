import { dataSources } from "../tasks/catalogue/index.js";
import { resolveTaskList } from "../tasks/catalogue/resolve.js";
import type { DataSource } from "../tasks/catalogue/sources.js";

/**
 * The downloads `--task` asks for: the names, aliases and groups a run takes (`glue` is the
 * ten GLUE dev tasks, `all` every task), each download once and in catalogue order.
 */
export function selectDatasets(list: string): DataSource[] {
  return dataSources(resolveTaskList(list));
}

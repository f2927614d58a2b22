/**
 * The task catalogue: every task's facts, once, in a literal map (lm-eval's YAML idea, kept in
 * TypeScript). It imports nothing native, so the CLI's help, `score`, `download`, the report and
 * the leaderboard archive read it without loading tokenizers or onnxruntime. The runnable tasks
 * (tasks/index.ts), the task groups, the downloads and the CLI's task names derive from it.
 */
import { BENCHMARKS } from "./benchmarks.js";
import { catalogue, type TaskDefinition } from "./entries.js";
import type { GlueTaskDefinition } from "./glue.js";
import type { DataSource } from "./sources.js";

export { catalogue, type TaskDefinition };

export type TaskName = keyof typeof catalogue;

/** Every task name, in catalogue order. */
export const TASK_NAMES = Object.keys(catalogue) as TaskName[];

export const isTaskName = (name: string): name is TaskName => Object.hasOwn(catalogue, name);

/** A task's facts; undefined for a name glue-eval does not know (e.g. in an older results file). */
export function taskDefinition(name: string): TaskDefinition | undefined {
  return isTaskName(name) ? catalogue[name] : undefined;
}

/** Every definition, in catalogue order. */
export const definitions: readonly TaskDefinition[] = TASK_NAMES.map((name): TaskDefinition => catalogue[name]);

const readsTsv = (def: TaskDefinition): def is GlueTaskDefinition => def.format === "tsv";

/** The GLUE benchmark's definitions, in catalogue order (the leaderboard's). */
export const glueDefinitions: readonly GlueTaskDefinition[] = definitions.filter((def) => def.benchmark === "glue").filter(readsTsv);

/** A dev set with gold labels: a run scores it. AX's public file has none. */
const scoredOnDev = (def: TaskDefinition): boolean => (def.format === "tsv" ? def.dev.label !== undefined : true);

/**
 * Names that stand for several tasks, the same in every command: each benchmark's tasks that
 * a run scores on the dev set (GLUE: the ten tasks without AX; SQuAD: both sets), and all.
 */
export const GROUPS: Readonly<Record<string, readonly TaskName[]>> = {
  ...Object.fromEntries(
    Object.entries(BENCHMARKS).map(([id, { group }]) => [group, TASK_NAMES.filter((name) => catalogue[name].benchmark === id && scoredOnDev(catalogue[name]))]),
  ),
  all: TASK_NAMES,
};

/** The downloads the tasks need, in catalogue order, each once (MNLI-m and MNLI-mm share one). */
export function dataSources(names: readonly string[]): DataSource[] {
  const out: DataSource[] = [];
  for (const name of TASK_NAMES) {
    const source = catalogue[name].data;
    if (names.includes(name) && !out.some((s) => s.name === source.name)) out.push(source);
  }
  return out;
}

/** Every download, in catalogue order. */
export const DATA_SOURCES: readonly DataSource[] = dataSources(TASK_NAMES);

/** The file a task reads for a split, relative to the data dir (SQuAD: its dev set whatever the split). */
export function dataFile(def: TaskDefinition, split: "dev" | "test"): string {
  return def.format === "tsv" ? `glue/${(split === "test" ? def.test : def.dev).file}` : `squad/${def.file}`;
}

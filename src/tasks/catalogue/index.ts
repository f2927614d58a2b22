/**
 * The task catalogue: every task's facts, once, in a literal map (lm-eval's YAML idea, kept in
 * TypeScript). It imports nothing native, so the CLI's help, `score`, the report and the
 * leaderboard archive read it without loading tokenizers or onnxruntime. The runnable tasks
 * (tasks/index.ts), the task groups and the CLI's task names derive from it.
 */
import { UsageError } from "../../errors.js";
import { ax } from "./ax.js";
import { cola } from "./cola.js";
import type { GlueTaskDefinition } from "./glue.js";
import { mnli, mnliMismatched } from "./mnli.js";
import { mrpc } from "./mrpc.js";
import { qnli } from "./qnli.js";
import { qqp } from "./qqp.js";
import { rte } from "./rte.js";
import { type SquadTaskDefinition, squad, squadV2 } from "./squad.js";
import { sst2 } from "./sst2.js";
import { stsb } from "./stsb.js";
import { wnli } from "./wnli.js";

export type TaskDefinition = GlueTaskDefinition | SquadTaskDefinition;

export const catalogue = {
  cola,
  sst2,
  mrpc,
  stsb,
  qqp,
  mnli,
  "mnli-mm": mnliMismatched,
  qnli,
  rte,
  wnli,
  ax,
  squad,
  squad_v2: squadV2,
} satisfies Record<string, TaskDefinition>;

export type TaskName = keyof typeof catalogue;

/** Every task name, in catalogue order. */
export const TASK_NAMES = Object.keys(catalogue) as TaskName[];

export const isTaskName = (name: string): name is TaskName => Object.hasOwn(catalogue, name);

/** A task's facts; undefined for a name glue-eval does not know (e.g. in an older results file). */
export function taskDefinition(name: string): TaskDefinition | undefined {
  return isTaskName(name) ? catalogue[name] : undefined;
}

export const isGlue = (def: TaskDefinition): def is GlueTaskDefinition => def.kind !== "qa";

/** Every definition, in catalogue order. */
export const definitions: readonly TaskDefinition[] = TASK_NAMES.map((name): TaskDefinition => catalogue[name]);

/** Every GLUE definition, in catalogue order. */
export const glueDefinitions: readonly GlueTaskDefinition[] = definitions.filter(isGlue);

/** Names that stand for several tasks: the GLUE tasks with a labelled dev set (not AX), and both SQuAD sets. */
export const GROUPS: Readonly<Record<string, readonly TaskName[]>> = {
  glue: TASK_NAMES.filter((name) => {
    const def: TaskDefinition = catalogue[name];
    return isGlue(def) && def.dev.label !== undefined;
  }),
  "squad-all": TASK_NAMES.filter((name) => catalogue[name].kind === "qa"),
};

/** Parses `--task a,b,glue` into task names, in order, without repeats. */
export function resolveTaskList(spec: string): TaskName[] {
  const out: TaskName[] = [];
  for (const raw of spec.split(",")) {
    const name = raw.trim().toLowerCase();
    if (name === "") continue;
    const group = GROUPS[name];
    const names = group ?? (isTaskName(name) ? [name] : null);
    if (names === null) throw unknownTask(name);
    for (const n of names) if (!out.includes(n)) out.push(n);
  }
  if (out.length === 0) throw new UsageError("--task is empty");
  return out;
}

function unknownTask(name: string): UsageError {
  const valid = [...TASK_NAMES, ...Object.keys(GROUPS)];
  const close = valid.filter((v) => editDistance(v, name) <= Math.max(2, Math.floor(v.length / 3)));
  const hint = close.length > 0 ? ` — did you mean ${close.map((c) => `"${c}"`).join(" or ")}?` : "";
  return new UsageError(`unknown task "${name}"${hint} (valid: ${valid.join(", ")})`);
}

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

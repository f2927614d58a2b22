/** The task registry: a literal map; the CLI's task names are derived from it. */
import { UsageError } from "../../errors.js";
import { ax } from "./ax.js";
import { cola } from "./cola.js";
import { mnli, mnliMismatched } from "./mnli.js";
import { mrpc } from "./mrpc.js";
import { qnli } from "./qnli.js";
import { qqp } from "./qqp.js";
import { rte } from "./rte.js";
import { sst2 } from "./sst2.js";
import { stsb } from "./stsb.js";
import type { GlueTaskDefinition } from "./glue.js";
import { type GlueTask, glueTask } from "../glue/task.js";
import { wnli } from "./wnli.js";
import { squad, squadV2 } from "./squad.js";
import type { Task } from "../types.js";

export const tasks = {
  cola: glueTask(cola),
  sst2: glueTask(sst2),
  mrpc: glueTask(mrpc),
  stsb: glueTask(stsb),
  qqp: glueTask(qqp),
  mnli: glueTask(mnli),
  "mnli-mm": glueTask(mnliMismatched),
  qnli: glueTask(qnli),
  rte: glueTask(rte),
  wnli: glueTask(wnli),
  ax: glueTask(ax),
  squad,
  squad_v2: squadV2,
} satisfies Record<string, Task>;

export type TaskName = keyof typeof tasks;

/** Every GLUE definition, in registry order (derived from the registry, not listed again). */
export const glueDefinitions: readonly GlueTaskDefinition[] = Object.values(tasks).flatMap((t: Task) => ("definition" in t ? [(t as GlueTask).definition] : []));

/** Names that stand for several tasks. */
export const GROUPS: Record<string, readonly TaskName[]> = {
  glue: ["cola", "sst2", "mrpc", "stsb", "qqp", "mnli", "mnli-mm", "qnli", "rte", "wnli"],
  "squad-all": ["squad", "squad_v2"],
};

export const isTaskName = (name: string): name is TaskName => Object.hasOwn(tasks, name);

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
  const valid = [...Object.keys(tasks), ...Object.keys(GROUPS)];
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

/**
 * `--task` in every command (run, score, download): task names, their aliases and titles, and
 * the groups, resolved by one table, with a "did you mean" for a name it does not know
 * (lm-eval's registry does the same).
 */
import { GlueEvalError, UsageError } from "../../errors.js";
import { catalogue, GROUPS, TASK_NAMES, type TaskName } from "./index.js";

/** Case, "-", "_", "." and spaces never tell two tasks apart: "SST-2", "sst_2" and "sst2" are one. */
export const nameKey = (name: string): string => name.toLowerCase().replace(/[-_.\s]/g, "");

interface Entry {
  readonly tasks: readonly TaskName[];
  /** The group's name, for a spelling that stands for a group. */
  readonly group: string | null;
}

/** Every spelling's key and what it stands for: groups first, then names, titles and aliases. */
function spellings(): Map<string, Entry> {
  const table = new Map<string, Entry>();
  const add = (spelling: string, entry: Entry): void => {
    if (!table.has(nameKey(spelling))) table.set(nameKey(spelling), entry);
  };
  for (const [group, tasks] of Object.entries(GROUPS)) add(group, { tasks, group });
  for (const name of TASK_NAMES)
    for (const spelling of [name, catalogue[name].title, ...catalogue[name].aliases]) add(spelling, { tasks: [name], group: null });
  return table;
}

const SPELLINGS = spellings();

/** Parses `--task a,b,glue` into task names, in catalogue order within a group, without repeats. */
export function resolveTaskList(spec: string): TaskName[] {
  const out: TaskName[] = [];
  for (const raw of spec.split(",")) {
    if (raw.trim() === "") continue;
    for (const name of lookUp(raw.trim()).tasks) if (!out.includes(name)) out.push(name);
  }
  if (out.length === 0) throw new UsageError("--task is empty");
  return out;
}

/** One task, for a command that takes a single one (`score`). */
export function resolveTask(spec: string): TaskName {
  const { tasks, group } = lookUp(spec.trim());
  const [only] = tasks;
  if (group !== null || only === undefined) throw new UsageError(`--task takes one task, and ${group} is a group (${tasks.join(", ")})`);
  return only;
}

function lookUp(raw: string): Entry {
  const found = SPELLINGS.get(nameKey(raw));
  if (found === undefined) throw unknownTask(raw);
  return found;
}

/** The task names and groups closest to `raw` by edit distance over every spelling, within a third of the spelling's length (2 at least). */
export function suggestions(raw: string): string[] {
  const key = nameKey(raw);
  let best = Number.POSITIVE_INFINITY;
  let close: string[] = [];
  for (const [spelling, entry] of SPELLINGS) {
    const distance = editDistance(spelling, key);
    if (distance > Math.max(2, Math.floor(spelling.length / 3)) || distance > best) continue;
    if (distance < best) close = [];
    best = distance;
    const name = entry.group ?? entry.tasks[0] ?? spelling;
    if (!close.includes(name)) close.push(name);
  }
  return close;
}

function unknownTask(raw: string): GlueEvalError {
  const close = suggestions(raw);
  const hint = close.length > 0 ? ` — did you mean ${close.map((c) => `"${c}"`).join(" or ")}?` : "";
  return new GlueEvalError("UNKNOWN_TASK", `unknown task "${raw}"${hint} (valid: ${[...TASK_NAMES, ...Object.keys(GROUPS)].join(", ")})`);
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

/** What `--task` takes, for the commands' help, written from the catalogue so that it names every task it holds (help.ts wraps it). */
import { BENCHMARKS } from "../tasks/catalogue/benchmarks.js";
import { catalogue, DATA_SOURCES, GROUPS, TASK_NAMES } from "../tasks/catalogue/index.js";
import { nameKey } from "../tasks/catalogue/resolve.js";

/** "glue = the 10 GLUE dev tasks (not ax); squad-all = squad, squad_v2; all = every task". */
export function groupsHelp(): string {
  const groups = Object.entries(BENCHMARKS).map(([id, { title, group }]) => {
    const members = GROUPS[group] ?? [];
    const others = TASK_NAMES.filter((name) => catalogue[name].benchmark === id && !members.includes(name));
    const what = members.length > 3 ? `the ${members.length} ${title} dev tasks` : members.join(", ");
    return `${group} = ${what}${others.length > 0 ? ` (not ${others.join(", ")})` : ""}`;
  });
  return [...groups, "all = every task"].join("; ");
}

/** The task names, the groups and the other spellings. */
export function taskHelp(lead = "comma list of tasks or groups:", groups = true): string {
  // Titles that differ from the name by more than case and punctuation ("MNLI-m", "SQuAD 1.1").
  const titles = TASK_NAMES.map((name) => catalogue[name].title).filter((title) => !TASK_NAMES.some((n) => nameKey(n) === nameKey(title)));
  const others = [...TASK_NAMES.flatMap((name) => catalogue[name].aliases), ...titles];
  return `${lead} ${TASK_NAMES.join(", ")}${groups ? `; ${groupsHelp()}` : ""}. Also: ${others.join(", ")}; case, "-", "_" and "." do not matter`;
}

/** The mirror's files by folder, "URL/glue/: CoLA.zip, ...", from the catalogue's sources. */
export function mirrorLayout(): string {
  const byFolder = new Map<string, string[]>();
  for (const step of DATA_SOURCES.flatMap((source) => source.steps)) {
    const cut = step.mirrorPath.lastIndexOf("/");
    const folder = step.mirrorPath.slice(0, cut);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), step.mirrorPath.slice(cut + 1)]);
  }
  return [...byFolder].map(([folder, files]) => `URL/${folder}/: ${files.join(", ")}`).join("; ");
}

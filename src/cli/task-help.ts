/** What `--task` takes, for the commands' help, written from the catalogue so that it names every task it holds. */
import { BENCHMARKS } from "../tasks/catalogue/benchmarks.js";
import { catalogue, GROUPS, TASK_NAMES } from "../tasks/catalogue/index.js";
import { nameKey } from "../tasks/catalogue/resolve.js";

const WIDTH = 100;

/** Words joined by spaces into lines of at most WIDTH columns, every line after the first indented by `indent`. */
export function wrapWords(text: string, indent: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}

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

/** The task names, the groups and the other spellings, wrapped for a help text whose descriptions start at `indent`. */
export function taskHelp(indent: number, lead = "comma list of tasks or groups:", groups = true): string {
  // Titles that differ from the name by more than case and punctuation ("MNLI-m", "SQuAD 1.1").
  const titles = TASK_NAMES.map((name) => catalogue[name].title).filter((title) => !TASK_NAMES.some((n) => nameKey(n) === nameKey(title)));
  const others = [...TASK_NAMES.flatMap((name) => catalogue[name].aliases), ...titles];
  return wrapWords(
    `${lead} ${TASK_NAMES.join(", ")}${groups ? `; ${groupsHelp()}` : ""}. Also: ${others.join(", ")}; case, "-", "_" and "." do not matter`,
    indent,
  );
}

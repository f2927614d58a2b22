/** A command's --help, written from its flag table: each flag, its value, what it does, its default. */
import type { AnyCommand, Flag } from "./flags.js";

const WIDTH = 100;
/** Where the descriptions start; a longer flag puts its description on the next line. */
const COLUMN = 30;

/** The flag as it is typed: "--batch-size <n>", "--split dev|test". */
function spelling(name: string, flag: Flag): string {
  if (flag.type === "boolean") return `--${name}`;
  if (flag.type === "enum") return `--${name} ${flag.values.join("|")}`;
  return `--${name} ${flag.arg}`;
}

function description(flag: Flag): string {
  if (flag.type === "boolean") return flag.help;
  if (flag.required) return `${flag.help} (required)`;
  const value = flag.shown ?? ("default" in flag && flag.default !== undefined ? String(flag.default) : undefined);
  return value === undefined ? flag.help : `${flag.help} (default: ${value})`;
}

/** Words laid out in lines of at most `width` characters (a longer word gets a line of its own); "\n" breaks a line. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ").filter(Boolean)) {
      if (line !== "" && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    lines.push(line);
  }
  return lines;
}

export function renderHelp(command: AnyCommand): string {
  const rows: [string, string][] = Object.entries(command.flags).map(([name, flag]) => [spelling(name, flag), description(flag)]);
  rows.push(["-h, --help", "show this help"]);
  const pad = " ".repeat(COLUMN);
  const options = rows.flatMap(([left, text]) => {
    const [first = "", ...rest] = wrap(text, WIDTH - COLUMN).map((line, i) => (i === 0 ? line : pad + line));
    const head = `  ${left}`;
    return head.length + 2 <= COLUMN ? [head.padEnd(COLUMN) + first, ...rest] : [head, pad + first, ...rest];
  });
  const parts = [`Usage: ${command.usage}`, command.about, `Options:\n${options.join("\n")}`, command.footer];
  return parts.filter((p): p is string => p !== undefined).join("\n\n");
}

/** `--help`: the command's help on stdout; the command then exits 0. */
export function printHelp(command: AnyCommand): number {
  process.stdout.write(`${renderHelp(command)}\n`);
  return 0;
}

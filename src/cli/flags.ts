/**
 * A command's flags as one table. Parsing, validation, defaults and the help text all read it,
 * so a flag, its type, its allowed values and its default are written once.
 */
import { UsageError } from "../errors.js";
import { intFlag, numberFlag, parseFlags } from "./args.js";

interface FlagBase {
  /** What the flag does, for the help; a "\n" starts a new line there. */
  help: string;
}

interface Valued extends FlagBase {
  /** The value's name in the help, e.g. "<dir>". */
  arg: string;
  /** The default as the help shows it, where it is computed or depends on the task. */
  shown?: string;
  required?: boolean;
  /** Said after "--flag is required" or "--flag must be a file path", e.g. "e.g. --task glue". */
  hint?: string;
}

export type Flag =
  | (FlagBase & { type: "boolean" })
  | (Valued & { type: "string"; default?: string; multiple?: boolean })
  /** A file to write: an empty value is refused. */
  | (Valued & { type: "path" })
  | (Valued & { type: "int"; min: number; max?: number; default?: number })
  | (Valued & { type: "number"; default?: number })
  /** A comma list, items trimmed. */
  | (Valued & { type: "list" })
  | (Omit<Valued, "arg"> & { type: "enum"; values: readonly [string, ...string[]]; default?: string })
  /** A value with a reader of its own, which throws a UsageError for a bad one; the default goes through it too. */
  | (Valued & { type: "custom"; parse: (text: string) => unknown; default?: string });

type Flags = Readonly<Record<string, Flag>>;

export interface Command<T extends Flags> {
  /** The words after glue-eval that run it, e.g. "run": the errors point at `glue-eval run --help`. */
  name: string;
  /** The synopsis line(s), without "Usage: ". */
  usage: string;
  /** What the command does, shown between the synopsis and the options (written with its own line breaks). */
  about?: string;
  /** Shown after the options. */
  footer?: string;
  /** Whether the command takes operands (results folders) besides the flags. */
  operands?: boolean;
  flags: T;
}

/** Any command's table, for code that reads every command (dispatch, help). */
export type AnyCommand = Command<Flags>;

type Value<F> = F extends { type: "boolean" }
  ? boolean
  : F extends { type: "int" | "number" }
    ? number
    : F extends { type: "enum"; values: readonly (infer V)[] }
      ? V
      : F extends { type: "list" }
        ? string[]
        : F extends { type: "custom"; parse: (text: string) => infer R }
          ? R
          : F extends { multiple: true }
            ? string[]
            : string;

/** Booleans, repeatable flags, and flags with a default or required always have a value. */
type Given<F> = F extends { type: "boolean" } | { multiple: true } | { default: unknown } | { required: true } ? Value<F> : Value<F> | undefined;

export type FlagValues<T extends Flags> = { [K in keyof T]: Given<T[K]> };

/** Declares a command's table; `const` keeps the enum values as literal types. */
export const defineCommand = <const T extends Flags>(command: Command<T>): Command<T> => command;

/** "a, b or c". */
export const oneOf = (values: readonly string[]): string => (values.length < 2 ? values.join("") : `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`);

/** Every spelling of the command's flags, as a shell line would write them. */
export const flagSpellings = (command: AnyCommand): string[] => [...Object.keys(command.flags).map((name) => `--${name}`), "--help", "-h"];

/** The command line read by the table; null when it asks for --help. */
export function parseCommand<T extends Flags>(command: Command<T>, argv: string[]): { values: FlagValues<T>; positionals: string[] } | null {
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = { help: { type: "boolean", short: "h" } };
  for (const [name, flag] of Object.entries(command.flags)) {
    options[name] = flag.type === "boolean" ? { type: "boolean" } : { type: "string", ...(flag.type === "string" && flag.multiple ? { multiple: true } : {}) };
  }
  const { values: raw, positionals } = parseFlags(argv, options, command.operands === true, `glue-eval ${command.name}`);
  if (raw.help === true) return null;
  const values: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(command.flags)) values[name] = flagValue(name, flag, raw[name]);
  return { values: values as FlagValues<T>, positionals };
}

const hinted = (hint: string | undefined): string => (hint === undefined ? "" : ` (${hint})`);

function flagValue(name: string, flag: Flag, raw: string | boolean | (string | boolean)[] | undefined): unknown {
  if (flag.type === "boolean") return raw === true;
  const missing = (): UsageError => new UsageError(`--${name} is required${hinted(flag.hint)}`);
  if (Array.isArray(raw)) {
    if (flag.required && raw.length === 0) throw missing();
    return raw;
  }
  if (typeof raw !== "string") {
    if (flag.required) throw missing();
    if (flag.type === "string" && flag.multiple) return [];
    if (!("default" in flag) || flag.default === undefined) return undefined;
    return flag.type === "custom" ? flag.parse(flag.default) : flag.default;
  }
  switch (flag.type) {
    case "int":
      return intFlag(name, raw, 0, flag.min, flag.max);
    case "number":
      return numberFlag(name, raw, 0);
    case "enum":
      if (!flag.values.includes(raw)) throw new UsageError(`--${name} must be ${oneOf(flag.values)}, got "${raw}"`);
      return raw;
    case "list":
      return raw.split(",").map((s) => s.trim());
    case "path":
      if (raw === "") throw new UsageError(`--${name} must be a file path${hinted(flag.hint)}`);
      return raw;
    case "custom":
      return flag.parse(raw);
    default:
      return raw;
  }
}

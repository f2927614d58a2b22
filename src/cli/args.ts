/**
 * The command line read into flags and operands. Node's parser does the reading; the checks are
 * ours so that every mistake is one line that names the flag, suggests the one meant and points
 * at the command's help, where node's strict mode throws multi-line messages about positionals.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../errors.js";
import { editDistance } from "../tasks/catalogue/resolve.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** A value that reads as a negative number is a value, not a flag (`--null-score-diff-threshold -1`). */
const NUMBER = /^-\d*\.?\d+(e[-+]?\d+)?$/i;

const squash = (name: string): string => name.toLowerCase().replace(/[-_]/g, "");

/** Whether `short` is `long` with letters left out: a prefix ("out"), or an abbreviation of at least half its letters ("outdir"). */
function within(short: string, long: string): boolean {
  if (short.length < 3 || short[0] !== long[0]) return false;
  if (long.startsWith(short)) return true;
  if (short.length * 2 < long.length) return false;
  let at = 0;
  for (const char of long) if (char === short[at]) at++;
  return at === short.length;
}

/**
 * The names (flags, commands) a mistyped one was probably meant to be: the same but for "-" and
 * "_", a few edits away, or the name shortened; closest first.
 */
export function closeNames(typed: string, known: readonly string[]): string[] {
  const want = squash(typed);
  const limit = want.length < 4 ? 1 : Math.max(2, Math.floor(want.length / 3));
  return known
    .map((name) => {
      const have = squash(name);
      return { name, distance: within(want, have) ? 0.5 : editDistance(want, have) };
    })
    .filter((s) => s.distance <= limit)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((s) => s.name);
}

/**
 * node:util parseArgs, with usage errors instead of TypeErrors. `command` (e.g. "glue-eval run")
 * is named in the errors as the place to look for the flags.
 */
export function parseFlags<T extends Options>(argv: string[], options: T, allowPositionals = false, command?: string) {
  const see = command === undefined ? "" : `; see \`${command} --help\``;
  const { tokens, values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  const longs = Object.keys(options);
  for (const token of tokens) {
    if (token.kind === "positional") {
      if (!allowPositionals) throw new UsageError(`unexpected argument "${token.value}"${see}`);
      continue;
    }
    if (token.kind !== "option") continue;
    const option = options[token.name];
    if (option === undefined) {
      const close = token.rawName.startsWith("--") ? closeNames(token.name, longs).map((name) => `--${name}`) : [];
      throw new UsageError(`unknown option ${token.rawName}${close.length === 0 ? "" : ` (did you mean ${close.join(" or ")}?)`}${see}`);
    }
    const flag = `--${token.name}`;
    if (option.type === "boolean" && token.value !== undefined) throw new UsageError(`${flag} takes no value, got "${token.value}"${see}`);
    if (option.type === "string" && (token.value === undefined || (token.inlineValue === false && token.value.startsWith("-") && !NUMBER.test(token.value)))) {
      throw new UsageError(`${flag} needs a value${see}`);
    }
  }
  return { values: values as ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true }>>["values"], positionals };
}

/** A flag that must be a whole number in [min, max]. */
export function intFlag(name: string, value: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`}, got "${value}"`);
  }
  return n;
}

/** A flag that must be a finite number. */
export function numberFlag(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${value}"`);
  return n;
}

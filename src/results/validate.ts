/**
 * Every file glue-eval reads is checked against its schema (results.ts and the readers' own)
 * before any field is used: a file that does not match is one line naming the file, the line
 * where it has lines, and the first field that is wrong, never a crash further on.
 */
import type { z } from "zod";
import { DataError, type DataLocation } from "../errors.js";

/** `value` as `schema` gives it; throws a DataError at `where` naming the first bad field. */
export function checked<S extends z.ZodType>(schema: S, value: unknown, where: DataLocation): z.output<S> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue === undefined) throw new DataError(where, "does not match its schema");
  const field = fieldPath(issue.path);
  throw new DataError(field === "" ? where : { ...where, field: where.field === undefined ? field : `${where.field}.${field}` }, problem(issue));
}

/** `model.files[0].sha256`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`)).join("");
}

function problem(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") return issue.input === undefined ? "is missing" : `must be ${article(issue.expected)}, not ${shown(issue.input)}`;
  if (issue.code === "invalid_union" && issue.input !== undefined) {
    // Each alternative failed on the value itself: say which values would do.
    const wanted = issue.errors.map((branch) => (branch.length === 1 && branch[0]?.path.length === 0 ? expected(branch[0]) : null));
    if (wanted.every((w) => w !== null)) return `must be ${[...new Set(wanted)].join(" or ")}, not ${shown(issue.input)}`;
  }
  if (issue.code === "unrecognized_keys") return `unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}`;
  const said = issue.message.replace(/^Invalid input: /, "");
  return issue.input === undefined ? said : `${said} (${shown(issue.input)})`;
}

function expected(issue: z.core.$ZodIssue): string | null {
  if (issue.code === "invalid_type") return article(issue.expected);
  if (issue.code === "invalid_value") return issue.values.map((v) => JSON.stringify(v)).join(" or ");
  return null;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The wrong value, short enough for one line. */
function shown(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

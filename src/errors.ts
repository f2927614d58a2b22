/**
 * Typed errors raised at the boundaries (CLI flags, data files, model folders).
 * The CLI prints `message` on one line and exits with `exitCode`; anything that is
 * not a GlueEvalError is a bug and gets a stack trace.
 */
export type ErrorCode = "USAGE" | "UNKNOWN_TASK" | "DATA" | "MODEL" | "INPUT_MISMATCH" | "IO" | "NETWORK" | "INTEGRITY";

export class GlueEvalError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "GlueEvalError";
    this.code = code;
    this.exitCode = options?.exitCode ?? (code === "USAGE" || code === "UNKNOWN_TASK" ? 2 : 1);
  }
}

/** A bad command line: exit code 2. */
export class UsageError extends GlueEvalError {
  constructor(message: string) {
    super("USAGE", message, { exitCode: 2 });
    this.name = "UsageError";
  }
}

export interface DataLocation {
  file: string;
  /** 1-based line number in the file, when the problem has one. */
  line?: number;
  /** Column or JSON field name, when the problem has one. */
  field?: string;
}

/** A malformed input file: names the file, the line and the field. */
export class DataError extends GlueEvalError {
  readonly location: DataLocation;

  constructor(location: DataLocation, problem: string, options?: { cause?: unknown }) {
    super("DATA", `${formatLocation(location)}: ${problem}`, options);
    this.name = "DataError";
    this.location = location;
  }
}

/** A model folder that cannot be used: names the path and what was expected. */
export class ModelError extends GlueEvalError {
  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super("MODEL", `${path}: ${problem}`, options);
    this.name = "ModelError";
  }
}

export function formatLocation({ file, line, field }: DataLocation): string {
  let out = file;
  if (line !== undefined) out += `:${line}`;
  if (field !== undefined) out += ` (field "${field}")`;
  return out;
}

/** Turns any thrown value into one line of text without a stack. */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * Errors of the machine rather than of glue-eval: a full disk, a read-only folder, no more file
 * handles, a file where a folder should be (EEXIST from mkdir), a path too long or looping.
 */
const ENVIRONMENT = new Set([
  "ENOSPC",
  "EDQUOT",
  "EFBIG",
  "EROFS",
  "EACCES",
  "EPERM",
  "EIO",
  "EMFILE",
  "ENFILE",
  "ENOTDIR",
  "EISDIR",
  "EEXIST",
  "ENAMETOOLONG",
  "ELOOP",
]);

/** A Node system error of the machine as a one-line IO error (no stack), or null for anything else. */
export function environmentError(error: unknown): GlueEvalError | null {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  if (code === undefined || !ENVIRONMENT.has(code)) return null;
  return new GlueEvalError("IO", (error as Error).message, { cause: error });
}

/**
 * The one mapping of the machine's file errors to words, for every message about a file or
 * folder that could not be written or read: a file where a folder of the path should be (mkdir
 * says EEXIST, deeper paths ENOTDIR), a folder where the file should be (EISDIR; ENOTEMPTY from
 * a rename onto it), else Node's words without the call and the path ("ENOSPC: no space left on
 * device", "EACCES: permission denied", "EROFS: read-only file system"). `withPath` keeps them
 * where they tell which folder of a path refused ("EACCES: permission denied, mkdir '/home/u/.cache'").
 */
export function ioReason(error: unknown, { withPath = false } = {}): string {
  if (!(error instanceof Error)) return String(error);
  const { code } = error as NodeJS.ErrnoException;
  if (code === "EEXIST" || code === "ENOTDIR") return "a file is in the way of its folder";
  if (code === "EISDIR" || code === "ENOTEMPTY") return "a folder of that name is in the way";
  if (withPath) return oneLine(error.message);
  const match = /^[A-Z0-9]+: ([^,]+)/.exec(error.message);
  return code !== undefined && match?.[1] !== undefined ? `${code}: ${match[1]}` : (error.message.split("\n")[0] ?? "");
}

/**
 * A library evaluation stopped through its AbortSignal, with the signal's reason as `cause`.
 * Named as Node names its own (fs, timers, fetch), so that `error.name === "AbortError"` tells
 * it apart from a failure; the command line never aborts, so it is no GlueEvalError.
 */
export class AbortError extends Error {
  readonly code = "ABORT_ERR";

  constructor(message = "the evaluation was aborted", options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AbortError";
  }
}

/** Throws an AbortError once the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new AbortError(undefined, { cause: signal.reason });
}

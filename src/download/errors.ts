import { GlueEvalError } from "../errors.js";

/** A server that could not be reached, answered with an error, or kept dropping the connection. */
export function networkError(message: string, cause?: unknown): GlueEvalError {
  return new GlueEvalError("NETWORK", message, cause === undefined ? undefined : { cause });
}

/** Bytes that are not the ones the manifest or the server promised. */
export function integrityError(message: string): GlueEvalError {
  return new GlueEvalError("INTEGRITY", message);
}

export function hashMismatch(file: string, expected: string, actual: string): GlueEvalError {
  return integrityError(`${file}: sha256 mismatch: expected ${expected}, got ${actual}`);
}

export function sizeMismatch(file: string, expected: number, actual: number): GlueEvalError {
  return integrityError(`${file}: size mismatch: expected ${expected} bytes, got ${actual}`);
}

/** A non-2xx answer; `status` lets callers treat 404 differently from a server failure. */
export class HttpStatusError extends GlueEvalError {
  readonly status: number;
  readonly url: string;
  readonly errorCode: string | null;

  constructor(url: string, status: number, errorCode: string | null) {
    super("NETWORK", `GET ${url}: HTTP ${status}${errorCode === null ? "" : ` (${errorCode})`}`);
    this.name = "HttpStatusError";
    this.status = status;
    this.url = url;
    this.errorCode = errorCode;
  }
}

export function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error && !error.message.includes(error.cause.message) ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

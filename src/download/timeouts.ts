/**
 * How long a request may go without an answer, as huggingface_hub decides it: metadata
 * requests (the model-info and paths-info APIs) wait HF_HUB_ETAG_TIMEOUT seconds, downloads
 * (hub files, dataset mirrors) HF_HUB_DOWNLOAD_TIMEOUT seconds, both 10 by default. The same
 * number bounds the wait for the first byte of the answer and a stall of its body.
 */
import { UsageError } from "../errors.js";

export interface Timeouts {
  /** From sending the request to the answer's headers. */
  firstByteMs: number;
  /** Waiting on the body, per MIN_PROGRESS_BYTES received. */
  stallMs: number;
}

const DEFAULT_SECONDS = 10;

function seconds(name: "HF_HUB_ETAG_TIMEOUT" | "HF_HUB_DOWNLOAD_TIMEOUT", env: NodeJS.ProcessEnv): Timeouts {
  const raw = env[name]?.trim() ?? "";
  const value = raw === "" ? DEFAULT_SECONDS : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${name} must be a number of seconds above 0, not "${raw}"`);
  return { firstByteMs: value * 1000, stallMs: value * 1000 };
}

export const metadataTimeouts = (env: NodeJS.ProcessEnv = process.env): Timeouts => seconds("HF_HUB_ETAG_TIMEOUT", env);
export const downloadTimeouts = (env: NodeJS.ProcessEnv = process.env): Timeouts => seconds("HF_HUB_DOWNLOAD_TIMEOUT", env);

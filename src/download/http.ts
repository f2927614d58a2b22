import { describeCause, networkError } from "./errors.js";
import { timedFetch } from "./timed-fetch.js";
import { downloadTimeouts } from "./timeouts.js";

export interface RequestOptions {
  method?: "GET" | "HEAD";
  headers?: Readonly<Record<string, string>>;
  /** Sent only while the request stays on the first URL's origin: a redirect to a CDN drops it. */
  authorization?: string;
  maxRedirects?: number;
}

export interface RequestResult {
  response: Response;
  /** The URL that gave `response`, after redirects. */
  url: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * fetch with redirects followed by hand, so that credentials never travel to another origin,
 * and with the download timeouts (timeouts.ts). Transport failures, a timeout included, become
 * NETWORK errors; any HTTP status is returned for the caller to judge.
 */
export async function request(url: string, options: RequestOptions = {}): Promise<RequestResult> {
  const method = options.method ?? "GET";
  const fetchTimed = timedFetch(downloadTimeouts());
  const origin = new URL(url).origin;
  let current = url;
  for (let hop = 0; hop <= (options.maxRedirects ?? 8); hop++) {
    // identity: byte offsets (Range, Content-Length, sizes) must be those of the file itself.
    const headers = new Headers({ "accept-encoding": "identity", "user-agent": "glue-eval", ...options.headers });
    if (options.authorization !== undefined && new URL(current).origin === origin) headers.set("authorization", options.authorization);
    let response: Response;
    try {
      response = await fetchTimed(current, { method, headers, redirect: "manual" });
    } catch (error) {
      throw networkError(`${method} ${current}: ${describeCause(error)}`, error);
    }
    if (!REDIRECTS.has(response.status)) return { response, url: current };
    await discard(response);
    current = nextLocation(current, response.headers.get("location"));
  }
  throw networkError(`${method} ${url}: too many redirects`);
}

function nextLocation(from: string, location: string | null): string {
  if (location === null) throw networkError(`${from}: redirect without a Location header`);
  const next = new URL(location, from);
  if (next.protocol !== "https:" && next.protocol !== "http:") throw networkError(`${from}: refusing a redirect to ${next.protocol} URL`);
  return next.toString();
}

/** Releases a response body we do not read, so the connection can be reused. */
export async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // The connection is going away anyway.
  }
}

export function headerNumber(response: Response, name: string): number | null {
  const value = response.headers.get(name);
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

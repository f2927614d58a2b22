/**
 * fetch with the timeouts of timeouts.ts. A server that takes the connection and never
 * answers is cut after `firstByteMs`. A body is cut when the time spent waiting on it since it
 * last brought MIN_PROGRESS_BYTES passes `stallMs`: a server that goes silent, and one that drips
 * a byte now and then (which a per-read timeout, as huggingface_hub's, never cuts), both end.
 * The cut is a RequestTimeout, which callers treat as a dropped connection: retried, and a
 * download resumed with a Range request.
 */
import type { Timeouts } from "./timeouts.js";

export class RequestTimeout extends Error {
  override name = "RequestTimeout";
}

/** What the body must bring within `stallMs` of waiting: a fair share of a slow line's second. */
export const MIN_PROGRESS_BYTES = 1024;

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function timedFetch(timeouts: Timeouts, base: typeof fetch = fetch): typeof fetch {
  return async (input, init = {}) => {
    const host = hostOf(input);
    const controller = new AbortController();
    const outer = init.signal;
    if (outer?.aborted === true) controller.abort(outer.reason);
    outer?.addEventListener("abort", () => controller.abort(outer.reason), { once: true });
    const timer = setTimeout(() => controller.abort(new RequestTimeout(`${host} sent no answer in ${timeouts.firstByteMs / 1000} s`)), timeouts.firstByteMs);
    let response: Response;
    try {
      response = await base(input, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
    if (response.body === null || NULL_BODY.has(response.status)) return response;
    // After redirects (the hub sends downloads to its CDN), the server that stalls is the last one.
    const body = watched(response.body, timeouts.stallMs, (reason) => controller.abort(reason), response.url === "" ? host : hostOf(response.url));
    const timed = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    Object.defineProperty(timed, "url", { value: response.url });
    Object.defineProperty(timed, "redirected", { value: response.redirected });
    return timed;
  };
}

function watched(body: ReadableStream<Uint8Array>, stallMs: number, abort: (reason: RequestTimeout) => void, host: string): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let waited = 0;
  let bytes = 0;
  return new ReadableStream<Uint8Array>({
    async pull(out) {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const reason = new RequestTimeout(`${host} sent under ${MIN_PROGRESS_BYTES} bytes in ${stallMs / 1000} s`);
          abort(reason);
          reader.cancel(reason).catch(() => undefined);
          reject(reason);
        }, stallMs - waited);
      });
      try {
        const { done, value } = await Promise.race([reader.read(), stalled]);
        if (done) {
          out.close();
          return;
        }
        waited += Date.now() - started;
        bytes += value.byteLength;
        if (bytes >= MIN_PROGRESS_BYTES) {
          waited = 0;
          bytes = 0;
        }
        out.enqueue(value);
      } finally {
        clearTimeout(timer);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

function hostOf(input: Parameters<typeof fetch>[0]): string {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

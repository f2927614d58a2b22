import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";

export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string, with its "?", or "". */
  query: string;
  range: string | undefined;
  authorization: string | undefined;
  headers: IncomingHttpHeaders;
  /** performance.now() when it arrived: orders the requests of several servers. */
  at: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, path: string) => void | Promise<void>;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 with a random port that records every request. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname);
    requests.push({
      method: req.method ?? "GET",
      path,
      query: url.search,
      range: req.headers.range,
      authorization: req.headers.authorization,
      headers: req.headers,
      at: performance.now(),
    });
    Promise.resolve(handler(req, res, path)).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SendOptions {
  /** Honour `Range: bytes=N-` and `bytes=N-M` with 206 (default true). */
  ranges?: boolean;
  /** Send the full Content-Length, then destroy the socket after this many body bytes. */
  dropAfter?: number;
  /** Send the full Content-Length, then go silent after this many body bytes, the connection left open. */
  stallAfter?: number;
  /** Send the body one byte at a time, one every this many ms. */
  dripMs?: number;
  headers?: Record<string, string>;
}

/** Answers GET/HEAD for `data` the way a static file server does. */
export function sendBytes(req: IncomingMessage, res: ServerResponse, data: Uint8Array, options: SendOptions = {}): void {
  const match = options.ranges === false ? null : /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
  const start = match ? Number(match[1]) : 0;
  const end = match?.[2] ? Math.min(Number(match[2]) + 1, data.length) : data.length;
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  res.setHeader("accept-ranges", options.ranges === false ? "none" : "bytes");
  if (start > 0 && start >= data.length) {
    res.writeHead(416, { "content-range": `bytes */${data.length}` }).end();
    return;
  }
  const body = data.subarray(start, end);
  res.setHeader("content-length", String(body.length));
  if (match) res.writeHead(206, { "content-range": `bytes ${start}-${end - 1}/${data.length}` });
  else res.writeHead(200);
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  if (options.dropAfter !== undefined) {
    res.write(body.subarray(0, options.dropAfter), () => res.socket?.destroy());
    return;
  }
  if (options.stallAfter !== undefined) {
    res.write(body.subarray(0, options.stallAfter));
    return;
  }
  if (options.dripMs !== undefined) {
    let at = 0;
    const drip = setInterval(() => {
      if (at >= body.length || res.destroyed) {
        clearInterval(drip);
        res.end();
        return;
      }
      res.write(body.subarray(at, ++at));
    }, options.dripMs);
    res.on("close", () => clearInterval(drip));
    return;
  }
  res.end(body);
}

export function notFound(res: ServerResponse, errorCode?: string): void {
  if (errorCode !== undefined) res.setHeader("x-error-code", errorCode);
  res.writeHead(404).end("not found");
}

/** Every file below `dir`, as sorted relative paths. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

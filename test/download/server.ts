import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";

export interface RecordedRequest {
  method: string;
  path: string;
  range: string | undefined;
  authorization: string | undefined;
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
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    requests.push({ method: req.method ?? "GET", path, range: req.headers.range, authorization: req.headers.authorization });
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
  /** Honour `Range: bytes=N-` with 206 (default true). */
  ranges?: boolean;
  /** Send the full Content-Length, then destroy the socket after this many body bytes. */
  dropAfter?: number;
  headers?: Record<string, string>;
}

/** Answers GET/HEAD for `data` the way a static file server does. */
export function sendBytes(req: IncomingMessage, res: ServerResponse, data: Uint8Array, options: SendOptions = {}): void {
  const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
  const start = options.ranges !== false && match ? Number(match[1]) : 0;
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  res.setHeader("accept-ranges", options.ranges === false ? "none" : "bytes");
  if (start > 0 && start >= data.length) {
    res.writeHead(416, { "content-range": `bytes */${data.length}` }).end();
    return;
  }
  const body = data.subarray(start);
  res.setHeader("content-length", String(body.length));
  if (start > 0) res.writeHead(206, { "content-range": `bytes ${start}-${data.length - 1}/${data.length}` });
  else res.writeHead(200);
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  if (options.dropAfter !== undefined) {
    res.write(body.subarray(0, options.dropAfter), () => res.socket?.destroy());
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

import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchToPart, parseContentRange } from "../../src/download/fetch-file.js";
import type { GlueEvalError } from "../../src/errors.js";
import { sendBytes, startServer, type TestServer } from "./server.js";

const DATA = randomBytes(3_000_000);
const DROP_AT = 2_000_000;

describe("fetchToPart", () => {
  let dir: string;
  let server: TestServer | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "glue-eval-resume-"));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  /** Serves DATA, destroying the socket after DROP_AT bytes on the first GET. */
  async function flakyServer(ranges: boolean): Promise<TestServer> {
    let gets = 0;
    return startServer((req, res) => {
      const first = req.method === "GET" && gets++ === 0;
      sendBytes(req, res, DATA, { ranges, ...(first ? { dropAfter: DROP_AT } : {}) });
    });
  }

  it("resumes a connection dropped mid-file with a Range request", async () => {
    server = await flakyServer(true);
    const part = join(dir, "file.bin.part");
    const size = await fetchToPart(`${server.url}/file.bin`, part, { label: "file.bin", retryDelayMs: 10 });
    expect(size).toBe(DATA.length);
    expect((await readFile(part)).equals(DATA)).toBe(true);
    // The client keeps what reached the disk before the drop (up to DROP_AT bytes) and asks for the rest.
    const [first, second, ...more] = server.requests;
    expect(first?.range).toBeUndefined();
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(second?.range ?? "")?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(DROP_AT);
    expect(more).toEqual([]);
  });

  it("restarts from the beginning when the server ignores Range", async () => {
    server = await flakyServer(false);
    const part = join(dir, "file.bin.part");
    await fetchToPart(`${server.url}/file.bin`, part, { label: "file.bin", retryDelayMs: 10 });
    expect((await readFile(part)).equals(DATA)).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it("continues a .part left by an earlier run, and asks nothing when it is already complete", async () => {
    server = await startServer((req, res) => sendBytes(req, res, DATA));
    const part = join(dir, "file.bin.part");
    await writeFile(part, DATA.subarray(0, 1000));
    await fetchToPart(`${server.url}/file.bin`, part, { label: "file.bin" });
    expect((await readFile(part)).equals(DATA)).toBe(true);
    expect(server.requests.map((r) => r.range)).toEqual(["bytes=1000-"]);
    await fetchToPart(`${server.url}/file.bin`, part, { label: "file.bin", expectedSize: DATA.length });
    expect(server.requests).toHaveLength(1);
  });

  it("treats 416 with the full size as complete when the size was not known", async () => {
    server = await startServer((req, res) => sendBytes(req, res, DATA));
    const part = join(dir, "file.bin.part");
    await writeFile(part, DATA);
    expect(await fetchToPart(`${server.url}/file.bin`, part, { label: "file.bin" })).toBe(DATA.length);
    expect(server.requests.map((r) => r.range)).toEqual([`bytes=${DATA.length}-`]);
  });

  it("gives up after the attempts with a NETWORK error, keeping the .part for later", async () => {
    server = await startServer((req, res) => sendBytes(req, res, DATA, { ranges: false, dropAfter: 10 }));
    const part = join(dir, "file.bin.part");
    const error = await fetchToPart(`${server.url}/file.bin`, part, { label: "file.bin", attempts: 2, retryDelayMs: 1 }).catch((e: unknown) => e);
    expect((error as GlueEvalError).code).toBe("NETWORK");
    expect((error as Error).message).toMatch(/^file\.bin: download failed after 2 attempts/);
  });

  it("does not retry a 404", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(404).end();
    });
    await expect(fetchToPart(`${server.url}/missing`, join(dir, "x.part"), { label: "x", retryDelayMs: 1 })).rejects.toThrow(/HTTP 404/);
    expect(server.requests).toHaveLength(1);
  });
});

describe("parseContentRange", () => {
  it.each([
    ["bytes 10-99/100", { start: 10, total: 100 }],
    ["bytes */100", { start: null, total: 100 }],
    ["bytes 0-9/*", { start: 0, total: null }],
    ["nonsense", null],
  ])("%s", (value, expected) => {
    expect(parseContentRange(value)).toEqual(expected);
  });
});

/**
 * Requests to dataset mirrors (and through the same fetch, to the hub) end. Before, no request
 * had a timeout: a server that took the connection and never answered held a run for 301 s
 * (Node's own header timeout), and one that dripped a byte every 2 s never ended. Now the
 * first byte must come within HF_HUB_DOWNLOAD_TIMEOUT (HF_HUB_ETAG_TIMEOUT for the hub's
 * metadata), as huggingface_hub reads them, and a body that stalls is cut and resumed with Range.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fetchToPart } from "../../src/download/fetch-file.js";
import { RequestTimeout, timedFetch } from "../../src/download/timed-fetch.js";
import { downloadTimeouts, metadataTimeouts } from "../../src/download/timeouts.js";
import { UsageError } from "../../src/errors.js";
import { sendBytes, startServer, type TestServer } from "./server.js";

const DATA = randomBytes(200_000);
const saved = process.env.HF_HUB_DOWNLOAD_TIMEOUT;
beforeAll(() => {
  // One second keeps the tests fast; the default is huggingface_hub's 10 s.
  process.env.HF_HUB_DOWNLOAD_TIMEOUT = "1";
});
afterAll(() => {
  if (saved === undefined) delete process.env.HF_HUB_DOWNLOAD_TIMEOUT;
  else process.env.HF_HUB_DOWNLOAD_TIMEOUT = saved;
});

describe("the timeouts", () => {
  it("are huggingface_hub's: 10 s unless HF_HUB_ETAG_TIMEOUT or HF_HUB_DOWNLOAD_TIMEOUT say otherwise", () => {
    expect(metadataTimeouts({})).toEqual({ firstByteMs: 10_000, stallMs: 10_000 });
    expect(downloadTimeouts({})).toEqual({ firstByteMs: 10_000, stallMs: 10_000 });
    expect(metadataTimeouts({ HF_HUB_ETAG_TIMEOUT: "2.5" })).toEqual({ firstByteMs: 2500, stallMs: 2500 });
    expect(downloadTimeouts({ HF_HUB_DOWNLOAD_TIMEOUT: "60", HF_HUB_ETAG_TIMEOUT: "1" })).toEqual({ firstByteMs: 60_000, stallMs: 60_000 });
    expect(() => downloadTimeouts({ HF_HUB_DOWNLOAD_TIMEOUT: "soon" })).toThrow(UsageError);
    expect(() => downloadTimeouts({ HF_HUB_DOWNLOAD_TIMEOUT: "soon" })).toThrow('HF_HUB_DOWNLOAD_TIMEOUT must be a number of seconds above 0, not "soon"');
  });
});

describe("a server that hangs or drips", () => {
  let dir: string;
  let server: TestServer | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "glue-eval-timeouts-"));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it("that takes the connection and never answers is cut after the first-byte timeout", async () => {
    server = await startServer(() => undefined);
    const started = Date.now();
    const error = await timedFetch({ firstByteMs: 500, stallMs: 500 })(`${server.url}/file.bin`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeout);
    expect((error as Error).message).toBe(`${new URL(server.url).host} sent no answer in 0.5 s`);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("that goes silent mid-file is cut, and the download resumed with Range", async () => {
    let gets = 0;
    server = await startServer((req, res) => sendBytes(req, res, DATA, req.method === "GET" && gets++ === 0 ? { stallAfter: 50_000 } : {}));
    const part = join(dir, "file.bin.part");
    const started = Date.now();
    expect(await fetchToPart(`${server.url}/file.bin`, part, { label: "file.bin", retryDelayMs: 10 })).toBe(DATA.length);
    expect((await readFile(part)).equals(DATA)).toBe(true);
    expect(server.requests.map((r) => r.range)).toEqual([undefined, "bytes=50000-"]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("that drips a byte at a time is cut at every attempt, resumed with Range, and given up with one line", async () => {
    server = await startServer((req, res) => sendBytes(req, res, DATA, { dripMs: 50 }));
    const part = join(dir, "file.bin.part");
    const started = Date.now();
    const error = await fetchToPart(`${server.url}/file.bin`, part, { label: "file.bin", attempts: 3, retryDelayMs: 10 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      new RegExp(`^file\\.bin: download failed after 3 attempts: file\\.bin: ${new URL(server.url).host} sent under 1024 bytes in 1 s$`),
    );
    // Each attempt goes on from the bytes the last one kept.
    const ranges = server.requests.map((r) => r.range);
    expect(ranges[0]).toBeUndefined();
    expect(ranges.slice(1).every((r) => /^bytes=[1-9]\d*-$/.test(r ?? ""))).toBe(true);
    expect(ranges).toHaveLength(3);
    expect((await stat(part)).size).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

/**
 * A dataset mirror that sends past the pinned size. Before, every byte it sent was written to
 * the disk before the size check (62.9 MB for the 4.85 MB SQuAD file; an endless body would
 * have filled the disk). Now a length announced past the pinned size is refused before the body
 * is read, and a body without a length stops at the first byte past it; nothing is kept.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchToPart } from "../../src/download/fetch-file.js";
import type { GlueEvalError } from "../../src/errors.js";
import { sendBytes, startServer, type TestServer } from "./server.js";

const DATA = randomBytes(100_000);

describe("a mirror that sends past the pinned size", () => {
  let dir: string;
  let server: TestServer | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "glue-eval-oversize-"));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it("announcing more bytes: refused before the body is read", async () => {
    server = await startServer((req, res) => sendBytes(req, res, Buffer.concat([DATA, randomBytes(1_000_000)])));
    const error = (await fetchToPart(`${server.url}/f`, join(dir, "f.part"), { label: "squad/dev-v1.1.json", expectedSize: DATA.length }).catch(
      (e: unknown) => e,
    )) as GlueEvalError;
    expect(error.code).toBe("INTEGRITY");
    expect(error.message).toBe(`squad/dev-v1.1.json: the server sends 1100000 bytes, more than the ${DATA.length} pinned; nothing of it was kept`);
    expect(await readdir(dir)).toEqual([]);
  });

  it("with a body that never ends: stopped at the first byte past the size", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200);
      const more = (): void => {
        while (!res.destroyed && res.write(DATA));
        if (!res.destroyed) res.once("drain", more);
      };
      more();
    });
    const error = (await fetchToPart(`${server.url}/f`, join(dir, "f.part"), { label: "squad/dev-v1.1.json", expectedSize: DATA.length }).catch(
      (e: unknown) => e,
    )) as GlueEvalError;
    expect(error.code).toBe("INTEGRITY");
    expect(error.message).toBe(`squad/dev-v1.1.json: the server sent more than the ${DATA.length} bytes pinned; nothing of it was kept`);
    expect(await readdir(dir)).toEqual([]);
  }, 30_000);
});

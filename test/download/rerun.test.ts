/**
 * Dataset downloads after an interrupted run. Before:
 * - a rerun after a failure half-way through a dataset fetched the files already present and
 *   verified again;
 * - a full-size `.part` left by an earlier run with the wrong bytes failed the run with a
 *   sha256 mismatch, without a request;
 * - the hidden staging folder of a killed extraction stayed for good;
 * - an archive holding both `a` and `a/x` failed with a raw EEXIST.
 * Now: only what is missing is fetched; a `.part` that does not check out is fetched again
 * once; staging folders of dead processes are removed; the clash is one INTEGRITY line.
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { downloadDatasets } from "../../src/download/datasets.js";
import { extractVerified } from "../../src/download/extract.js";
import type { DataSource, DownloadStep } from "../../src/tasks/catalogue/sources.js";
import { GlueEvalError } from "../../src/errors.js";
import { sha256 } from "../../src/util/hash.js";
import { listFiles, notFound, sendBytes, startServer, type TestServer } from "./server.js";

const A = Buffer.from("alpha\trow\n".repeat(500));
const B = Buffer.from("beta\trow\n".repeat(500));
const MEMBER = Buffer.from("sentence\tlabel\nok\t1\n");
const ZIP = Buffer.from(zipSync({ "T/dev.tsv": MEMBER }));
const served: Record<string, Buffer> = { "/a.txt": A, "/b.txt": B, "/T.zip": ZIP };

const file = (name: string, data: Buffer): DownloadStep => ({
  kind: "file",
  url: `unused/${name}`,
  mirrorPath: name,
  sha256: sha256(data),
  size: data.length,
  target: `x/${name}`,
});
const twoFiles: DataSource = {
  name: "mrpc",
  steps: [file("a.txt", A), file("b.txt", B)],
  files: [
    { path: "x/a.txt", sha256: sha256(A) },
    { path: "x/b.txt", sha256: sha256(B) },
  ],
};
const archive: DataSource = {
  name: "cola",
  steps: [{ kind: "zip", url: "unused/T.zip", mirrorPath: "T.zip", sha256: sha256(ZIP), size: ZIP.length, extractTo: "glue" }],
  files: [{ path: "glue/T/dev.tsv", sha256: sha256(MEMBER) }],
};

describe("downloading again after an interrupted run", () => {
  let server: TestServer;
  let dataDir: string;
  let failing = new Set<string>();
  beforeAll(async () => {
    server = await startServer((req, res, path) => {
      const data = served[path];
      if (failing.has(path)) {
        res.writeHead(503).end();
      } else if (data === undefined) notFound(res);
      else sendBytes(req, res, data);
    });
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "glue-eval-rerun-"));
    server.requests.length = 0;
    failing = new Set();
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));
  const download = (spec: DataSource, log?: string[]) =>
    downloadDatasets([spec], { dataDir, baseUrl: server.url, retryDelayMs: 1, ...(log ? { log: (l: string) => log.push(l) } : {}) });
  const gets = () => server.requests.filter((r) => r.method === "GET").map((r) => r.path);

  it("fetches only the file that is missing, not the verified one beside it", async () => {
    failing.add("/b.txt");
    await expect(download(twoFiles)).rejects.toThrow(/x\/b\.txt: download failed/);
    expect(await listFiles(dataDir)).toEqual(["x/a.txt"]);
    failing.clear();
    server.requests.length = 0;
    const [result] = await download(twoFiles);
    expect(gets()).toEqual(["/b.txt"]);
    expect(result?.verified).toEqual(["x/a.txt", "x/b.txt"]);
    expect(await readFile(join(dataDir, "x/b.txt"))).toEqual(B);
  });

  it("uses a full-size .part that checks out, without a request", async () => {
    await mkdir(join(dataDir, "x"));
    await writeFile(join(dataDir, "x/a.txt.part"), A);
    await download({ ...twoFiles, steps: [twoFiles.steps[0] as DownloadStep], files: [twoFiles.files[0] as DataSource["files"][number]] });
    expect(gets()).toEqual([]);
    expect(await readFile(join(dataDir, "x/a.txt"))).toEqual(A);
  });

  it("fetches a full-size .part that does not check out once more, in the same run", async () => {
    await mkdir(join(dataDir, "x"));
    const stale = Buffer.from(A);
    stale[7] = (stale[7] ?? 0) ^ 1;
    await writeFile(join(dataDir, "x/a.txt.part"), stale);
    const log: string[] = [];
    await download({ ...twoFiles, steps: [twoFiles.steps[0] as DownloadStep], files: [twoFiles.files[0] as DataSource["files"][number]] }, log);
    expect(gets()).toEqual(["/a.txt"]);
    expect(await readFile(join(dataDir, "x/a.txt"))).toEqual(A);
    expect(await listFiles(dataDir)).toEqual(["x/a.txt"]);
    expect(log.some((l) => /x\/a\.txt: the partial download of an earlier run does not check out \(.*sha256 mismatch.*\); fetching it again/.test(l))).toBe(
      true,
    );
  });

  it("removes the staging folders of killed extractions, and leaves a live one alone", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    for (const name of [".T.zip.part.extract-0badf00d", `.T.zip.part.extract-${dead}-0badf00d`, `.T.zip.part.extract-${process.pid}-12345678`]) {
      await mkdir(join(dataDir, "glue", name, "T"), { recursive: true });
      await writeFile(join(dataDir, "glue", name, "T", "dev.tsv"), "half");
    }
    await download(archive);
    expect((await readdir(join(dataDir, "glue"))).sort()).toEqual([`.T.zip.part.extract-${process.pid}-12345678`, "T"]);
  });
});

describe("an archive where a name is a file and a folder", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "glue-eval-clash-"));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it.each([
    ["a file, then a file under it", { a: MEMBER, "a/x": MEMBER }],
    ["a file under it first", { "a/x": MEMBER, a: MEMBER }],
    ["a folder entry and a file of the same name", { "a/": new Uint8Array(0), a: MEMBER }],
  ])("%s: one INTEGRITY line, nothing written", async (_, entries) => {
    const path = join(root, "clash.zip");
    await writeFile(path, zipSync(entries));
    const error = await extractVerified(path, join(root, "out"), [], "clash.zip").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GlueEvalError);
    expect((error as GlueEvalError).code).toBe("INTEGRITY");
    expect((error as Error).message).toBe('clash.zip: "a" is both a file and a folder in the archive');
    expect(await listFiles(join(root, "out"))).toEqual([]);
  });
});

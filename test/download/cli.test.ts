import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/download.js";
import { GlueEvalError } from "../../src/errors.js";
import { hasShared } from "../shared.js";
import { sharedFile } from "./builders.js";
import { listFiles, notFound, sendBytes, startServer, type TestServer } from "./server.js";

function captureStdout(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  return { text: () => chunks.join(""), restore: () => spy.mockRestore() };
}

describe("glue-eval download: flags", () => {
  it("prints help", async () => {
    const out = captureStdout();
    try {
      expect(await main(["--help"])).toBe(0);
    } finally {
      out.restore();
    }
    const text = out.text().replace(/\s+/g, " ");
    expect(text).toContain("URL/squad/: dev-v1.1.json, dev-v2.0.json");
    expect(text).toContain("glue = the 10 GLUE dev tasks (not ax)");
  });

  it.each([
    [["--task", "nope"], /unknown task "nope" \(valid: cola, /],
    [["--task", "mnlii"], /unknown task "mnlii" — did you mean "mnli"\?/],
    [["--base-url", "ftp://x"], /--base-url must be an http\(s\) URL/],
    [["--bogus"], /^unknown option --bogus; see `glue-eval download --help`$/],
  ])("%j is a usage error", async (argv, message) => {
    const error = await main(argv).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GlueEvalError);
    expect((error as GlueEvalError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
  });
});

describe.skipIf(!hasShared)("glue-eval download: from a mirror with the catalogue's sources", () => {
  let server: TestServer;
  let dataDir: string;
  const saved = process.env.GLUE_EVAL_DATA_URL;
  const serve: Record<string, Buffer> = {};

  beforeAll(async () => {
    serve["/mirror/glue/AX.tsv"] = sharedFile("data", "glue", "diagnostic", "diagnostic.tsv");
    serve["/mirror/squad/dev-v1.1.json"] = sharedFile("data", "squad", "dev-v1.1.json");
    serve["/mirror/squad/dev-v2.0.json"] = sharedFile("data", "squad", "dev-v2.0.json");
    server = await startServer((req, res, path) => {
      const data = serve[path];
      if (data === undefined) notFound(res);
      else sendBytes(req, res, data);
    });
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "glue-eval-cli-"));
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.GLUE_EVAL_DATA_URL;
    else process.env.GLUE_EVAL_DATA_URL = saved;
    await rm(dataDir, { recursive: true, force: true });
  });

  it("downloads ax and both SQuAD dev sets and verifies them against the pinned hashes", async () => {
    process.env.GLUE_EVAL_DATA_URL = `${server.url}/mirror`;
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const out = captureStdout();
    try {
      expect(await main(["--task", "ax,squad-all", "--data-dir", dataDir])).toBe(0);
    } finally {
      out.restore();
      stderr.mockRestore();
    }
    expect(await listFiles(dataDir)).toEqual(["glue/diagnostic/diagnostic.tsv", "squad/dev-v1.1.json", "squad/dev-v2.0.json"]);
    expect(out.text().trim().split("\n")).toEqual([
      "ax: downloaded; sha256 verified: glue/diagnostic/diagnostic.tsv",
      "squad: downloaded; sha256 verified: squad/dev-v1.1.json",
      "squad_v2: downloaded; sha256 verified: squad/dev-v2.0.json",
    ]);
  });
});

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { extractVerified } from "../../src/download/extract.js";
import { safeEntrySegments } from "../../src/download/zip.js";
import { GlueEvalError } from "../../src/errors.js";
import { sha256 } from "../../src/util/hash.js";
import { listFiles } from "./server.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("zip entry names", () => {
  it.each([
    ["../evil.txt", /"\.\." segment/],
    ["a/../../evil.txt", /"\.\." segment/],
    ["/abs", /absolute path/],
    ["C:/windows/evil", /drive letter/],
    ["c:evil", /drive letter/],
    ["a\\..\\evil", /backslash/],
    ["a\u0000b", /NUL byte/],
  ])("refuses %j", (name, why) => {
    expect(() => safeEntrySegments(name, "x.zip")).toThrow(why);
    expect(() => safeEntrySegments(name, "x.zip")).toThrow(/x\.zip: refusing archive entry .*outside the target folder/);
  });

  it.each([
    ["CoLA/dev.tsv", ["CoLA", "dev.tsv"]],
    ["./CoLA//dev.tsv", ["CoLA", "dev.tsv"]],
    ["CoLA/", ["CoLA"]],
    ["a..b/c", ["a..b", "c"]],
  ])("accepts %j", (name, segments) => {
    expect(safeEntrySegments(name, "x.zip")).toEqual(segments);
  });
});

describe("extractVerified", () => {
  let root: string;
  let dest: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "glue-eval-zip-"));
    dest = join(root, "out");
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function archive(entries: Record<string, Uint8Array>, level: 0 | 6 = 6): Promise<string> {
    const path = join(root, "in.zip");
    await writeFile(path, zipSync(entries, { level }));
    return path;
  }

  it.each([0, 6] as const)("extracts stored and deflated entries (level %i) and checks expected members", async (level) => {
    const path = await archive({ "T/dev.tsv": bytes("a\tb\n"), "T/empty.txt": new Uint8Array(0), "T/sub/": new Uint8Array(0) }, level);
    const written = await extractVerified(path, dest, [{ path: "T/dev.tsv", sha256: sha256("a\tb\n") }], "in.zip");
    expect(written.sort()).toEqual(["T/dev.tsv", "T/empty.txt"]);
    expect(await readFile(join(dest, "T", "dev.tsv"), "utf8")).toBe("a\tb\n");
  });

  it.each([["../evil.txt"], ["/abs"], ["ok/../../evil.txt"]])("refuses an archive with %j and writes nothing", async (name) => {
    const path = await archive({ "T/dev.tsv": bytes("fine"), [name]: bytes("evil") });
    await expect(extractVerified(path, dest, [], "evil.zip")).rejects.toThrow(/evil\.zip: refusing archive entry/);
    expect(await listFiles(root)).toEqual(["in.zip"]);
  });

  it("names both hashes when a member does not match, and moves nothing into place", async () => {
    const path = await archive({ "T/dev.tsv": bytes("tampered") });
    const expected = sha256("original");
    const error = await extractVerified(path, dest, [{ path: "T/dev.tsv", sha256: expected }], "T.zip").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GlueEvalError);
    expect((error as GlueEvalError).code).toBe("INTEGRITY");
    expect((error as Error).message).toBe(`T.zip: T/dev.tsv: sha256 mismatch: expected ${expected}, got ${sha256("tampered")}`);
    expect(await listFiles(dest)).toEqual([]);
  });

  it("reports a member the archive lacks", async () => {
    const path = await archive({ "T/train.tsv": bytes("x") });
    await expect(extractVerified(path, dest, [{ path: "T/dev.tsv", sha256: null }], "T.zip")).rejects.toThrow("T.zip has no T/dev.tsv");
  });

  it("detects corrupted data by CRC-32", async () => {
    const data = zipSync({ "T/a.txt": bytes("hello world") }, { level: 0 });
    const at = Buffer.from(data).indexOf("hello world");
    data[at] = "j".charCodeAt(0);
    const path = join(root, "bad.zip");
    await writeFile(path, data);
    await expect(extractVerified(path, dest, [], "bad.zip")).rejects.toThrow(/CRC-32 mismatch/);
  });

  it("refuses a file that is not a zip", async () => {
    const path = join(root, "not.zip");
    await writeFile(path, "<html>not found</html>");
    await expect(extractVerified(path, dest, [], "not.zip")).rejects.toThrow(/not a zip archive/);
  });
});

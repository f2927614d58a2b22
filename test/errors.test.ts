/**
 * One mapping of the machine's file errors to words. Before, "a file is in the way" was worded
 * three ways (the cache folder, the report writer, the --report check), the hub cache and the
 * --report check gave a bare code ("(ENOTDIR)", "(EEXIST)"), and the folder lock "ENOTDIR: not
 * a directory" for the same file in the way.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ioReason } from "../src/errors.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-errors-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const nodeError = (code: string, message: string): NodeJS.ErrnoException => Object.assign(new Error(message), { code, syscall: "write" });

/** The error Node throws for `act`, from the file system itself. */
function thrown(act: () => void): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error("expected the file system to refuse");
}

describe("ioReason", () => {
  const file = join(tmp, "a-file");
  writeFileSync(file, "");
  mkdirSync(join(tmp, "a-folder", "inside"), { recursive: true });

  it.each([
    ["a file where the folder should be (mkdir: EEXIST)", () => mkdirSync(file, { recursive: true }), "a file is in the way of its folder"],
    ["a file deeper in the path (ENOTDIR)", () => writeFileSync(join(file, "x", "y.md"), ""), "a file is in the way of its folder"],
    ["a folder where the file should be (EISDIR)", () => writeFileSync(join(tmp, "a-folder"), ""), "a folder of that name is in the way"],
  ])("%s", (_title, act, reason) => {
    expect(ioReason(thrown(act))).toBe(reason);
    expect(ioReason(thrown(act), { withPath: true })).toBe(reason);
  });

  it.each([
    ["ENOSPC", "ENOSPC: no space left on device, write", "ENOSPC: no space left on device"],
    ["EACCES", "EACCES: permission denied, mkdir '/home/u/.cache'", "EACCES: permission denied"],
    ["EROFS", "EROFS: read-only file system, open '/mnt/ro/x'", "EROFS: read-only file system"],
    ["ENOTEMPTY", "ENOTEMPTY: directory not empty, rename '/a' -> '/b'", "a folder of that name is in the way"],
  ])("%s: Node's words without the call and the path", (code, message, reason) => {
    expect(ioReason(nodeError(code, message))).toBe(reason);
  });

  it("keeps the call and the path when asked, on one line", () => {
    expect(ioReason(nodeError("EACCES", "EACCES: permission denied, mkdir '/home/u/.cache'"), { withPath: true })).toBe(
      "EACCES: permission denied, mkdir '/home/u/.cache'",
    );
    expect(ioReason(new Error("first line\n  second line"), { withPath: true })).toBe("first line second line");
  });

  it("gives the first line of any other error, and a thrown value as text", () => {
    expect(ioReason(new Error("something else\nat somewhere"))).toBe("something else");
    expect(ioReason("a string")).toBe("a string");
  });
});

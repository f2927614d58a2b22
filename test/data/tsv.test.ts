import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { columnIndex, readTsv } from "../../src/data/tsv.js";
import { DataError } from "../../src/errors.js";

const dir = mkdtempSync(join(tmpdir(), "glue-eval-tsv-"));
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe("readTsv", () => {
  it("keeps quote characters as text (GLUE rows hold unbalanced quotes)", async () => {
    const t = await readTsv(file("q.tsv", 'sentence\tlabel\nhe said "hi\t1\n"quoted" text "\t0\n'), { hasHeader: true });
    expect(t.rows).toEqual([
      ['he said "hi', "1"],
      ['"quoted" text "', "0"],
    ]);
  });

  it("strips a UTF-8 BOM and accepts CRLF and a missing final newline", async () => {
    const t = await readTsv(file("bom.tsv", "\ufeffQuality\tx\r\n1\ta\r\n0\tb"), { hasHeader: true });
    expect(t.header).toEqual(["Quality", "x"]);
    expect(t.rows).toEqual([
      ["1", "a"],
      ["0", "b"],
    ]);
  });

  it.each([
    ["an extra tab", "a\tb\n1\t2\t3\n", /x\.tsv:2: expected 2 tab-separated fields, found 3/],
    ["a missing column", "a\tb\n1\n", /x\.tsv:2: expected 2 tab-separated fields, found 1/],
    ["an empty file", "", /x\.tsv: the file is empty/],
    ["binary garbage", new Uint8Array([0, 159, 146, 150, 0, 1]), /binary data/],
    ["invalid UTF-8", new Uint8Array([0x61, 0xff, 0xfe, 0x0a]), /not valid UTF-8/],
    ["a blank line in the middle", "a\tb\n1\t2\n\n3\t4\n", /x\.tsv:3: empty line/],
  ])("rejects %s with file and line", async (_title, content, message) => {
    const path = file("x.tsv", content);
    await expect(readTsv(path, { hasHeader: true })).rejects.toThrow(DataError);
    await expect(readTsv(path, { hasHeader: true })).rejects.toThrow(message);
  });

  it("names a missing column with the header it found", async () => {
    const t = await readTsv(file("h.tsv", "a\tb\n1\t2\n"), { hasHeader: true });
    expect(() => columnIndex(t, "label")).toThrow(/h\.tsv:1 \(field "label"\): missing column \(header has: a, b\)/);
  });

  it("reads a headerless file with a fixed width (CoLA)", async () => {
    const t = await readTsv(file("cola.tsv", "gj04\t1\t\tThe sailors rode.\ngj04\t0\t*\tBad sentence."), { hasHeader: false, columns: 4 });
    expect(t.firstLine).toBe(1);
    expect(t.rows.map((r) => r[3])).toEqual(["The sailors rode.", "Bad sentence."]);
  });
});

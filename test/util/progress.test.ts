import { describe, expect, it } from "vitest";
import { renderProgress, ttyProgress } from "../../src/util/progress.js";

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = {
    isTTY,
    write: (chunk: string) => {
      written.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe("progress", () => {
  it.each([
    [512 * 1024, 2 * 1024 * 1024, "MNLI.zip [######------------------]  25% 0.5/2.0 MB"],
    [3 * 1024 * 1024, null, "MNLI.zip 3.0 MB"],
  ])("renders %i of %s bytes", (done, total, line) => {
    expect(renderProgress("MNLI.zip", done, total)).toBe(line);
  });

  it("draws on a terminal and ends the line", () => {
    const { stream, written } = fakeStream(true);
    const bar = ttyProgress(stream)("big.zip", 4 * 1024 * 1024);
    bar.update(1024 * 1024);
    bar.end();
    expect(written.at(0)).toMatch(/^\rbig\.zip \[/);
    expect(written.at(-1)).toBe("\n");
  });

  it.each([
    ["stderr is not a terminal", false, 64 * 1024 * 1024],
    ["the file is small", true, 1000],
  ])("stays silent when %s", (_title, isTTY, total) => {
    const { stream, written } = fakeStream(isTTY);
    const bar = ttyProgress(stream)("x", total);
    bar.update(total);
    bar.end();
    expect(written).toEqual([]);
  });
});

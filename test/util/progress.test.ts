import { describe, expect, it } from "vitest";
import { exampleProgress, renderExamples, renderProgress, ttyProgress } from "../../src/util/progress.js";

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

/** A task's inference bar once had its own module, with the same interface name and other methods. */
describe("a task's inference bar", () => {
  it.each([
    [0, 872, 0, "sst2 [------------------------] 0/872 0/s ETA 0s"],
    [436, 872, 2, "sst2 [############------------] 436/872 218/s ETA 2s"],
    [872, 872, 4, "sst2 [########################] 872/872 218/s ETA 0s"],
    [0, 0, 1, "sst2 [########################] 0/0 0/s ETA 0s"],
  ])("renders %i of %i examples after %is", (done, total, seconds, line) => {
    expect(renderExamples("sst2", done, total, seconds)).toBe(line);
  });

  it("draws over its line and ends it, as the transfer's bar does", () => {
    const { stream, written } = fakeStream(true);
    const bar = exampleProgress("bert-tiny sst2", 872, true, stream);
    bar.update(32);
    bar.end();
    expect(written.at(0)).toMatch(/^\rbert-tiny sst2 \[#*-+\] 32\/872 \d+\/s ETA \d+s\u001b\[K$/);
    expect(written.at(-1)).toBe("\n");
  });

  it("stays silent when not enabled (--no-progress, --json, no terminal)", () => {
    const { stream, written } = fakeStream(true);
    const bar = exampleProgress("x", 10, false, stream);
    bar.update(10);
    bar.end();
    expect(written).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { duration, exampleProgress, renderExampleLine, renderExamples, renderProgress, ttyProgress } from "../../src/util/progress.js";

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

  it("stays silent when not enabled (--no-progress)", () => {
    const { stream, written } = fakeStream(true);
    const bar = exampleProgress("x", 10, false, stream);
    bar.update(10);
    bar.end();
    expect(written).toEqual([]);
  });
});

/** A clock that the test moves: milliseconds. */
function fakeClock(): { clock: () => number; advance(ms: number): void } {
  let now = 1_000;
  return { clock: () => now, advance: (ms) => (now += ms) };
}

describe("a task's progress in a log (stderr not a terminal)", () => {
  it("writes a plain line each time the examples done pass the next tenth, and the last state once", () => {
    const { stream, written } = fakeStream(false);
    const time = fakeClock();
    const progress = exampleProgress("bert-tiny-sst2 sst2", 872, true, stream, time.clock);
    // 28 batches of 32 (the last of 8), 20 ms each: 1600 ex/s.
    for (let done = 32; done < 872 + 32; done += 32) {
      time.advance(20);
      progress.update(Math.min(done, 872));
    }
    progress.end();
    expect(written.every((line) => line.startsWith("glue-eval: bert-tiny-sst2 sst2: ") && line.endsWith("\n") && !line.includes("\r"))).toBe(true);
    expect(written.map((line) => /: (\d+)\/872 \((\d+)%\)/.exec(line)?.slice(1, 3).join(" "))).toEqual([
      "96 11",
      "192 22",
      "288 33",
      "352 40",
      "448 51",
      "544 62",
      "640 73",
      "704 80",
      "800 91",
      "872 100",
    ]);
    expect(written[4]).toBe("glue-eval: bert-tiny-sst2 sst2: 448/872 (51%) 1600 ex/s, ETA 0.3 s\n");
    expect(written.at(-1)).toBe("glue-eval: bert-tiny-sst2 sst2: 872/872 (100%) 1557 ex/s, done in 0.6 s\n");
  });

  it("writes a line every 30 s where a tenth takes longer, and none while nothing more is done", () => {
    const { stream, written } = fakeStream(false);
    const time = fakeClock();
    const progress = exampleProgress("bert-base squad", 10_000, true, stream, time.clock);
    // 10 examples every 10 s: a tenth (1000) takes 1000 s.
    for (let done = 10; done <= 100; done += 10) {
      time.advance(10_000);
      progress.update(done);
    }
    expect(written).toEqual([
      "glue-eval: bert-base squad: 30/10000 (0%) 1.0 ex/s, ETA 2 h 46 min\n",
      "glue-eval: bert-base squad: 60/10000 (0%) 1.0 ex/s, ETA 2 h 45 min\n",
      "glue-eval: bert-base squad: 90/10000 (0%) 1.0 ex/s, ETA 2 h 45 min\n",
    ]);
    time.advance(60_000);
    progress.update(100);
    expect(written).toHaveLength(4);
    progress.end();
    expect(written).toHaveLength(4);
  });

  it("ends with the last state when the task stops between two lines, and writes nothing when no example was done", () => {
    const { stream, written } = fakeStream(false);
    const time = fakeClock();
    const progress = exampleProgress("m sst2", 100, true, stream, time.clock);
    time.advance(1000);
    progress.update(5);
    progress.end();
    expect(written).toEqual(["glue-eval: m sst2: 5/100 (5%) 5.0 ex/s, ETA 19 s\n"]);
    const idle = fakeStream(false);
    exampleProgress("m sst2", 100, true, idle.stream, time.clock).end();
    expect(idle.written).toEqual([]);
  });

  it("is silent with --no-progress", () => {
    const { stream, written } = fakeStream(false);
    const progress = exampleProgress("m sst2", 100, false, stream, fakeClock().clock);
    progress.update(50);
    progress.update(100);
    progress.end();
    expect(written).toEqual([]);
  });

  it.each([
    [0.04, "0.0 s"],
    [0.26, "0.3 s"],
    [9.94, "9.9 s"],
    [42.4, "42 s"],
    [252, "4 min 12 s"],
    [7500, "2 h 05 min"],
  ])("says %f seconds as %s", (seconds, text) => {
    expect(duration(seconds)).toBe(text);
  });

  it("leaves the rate out until time has passed", () => {
    expect(renderExampleLine("m sst2", 32, 872, 0)).toBe("m sst2: 32/872 (3%)");
    expect(renderExampleLine("m sst2", 0, 872, 3)).toBe("m sst2: 0/872 (0%)");
  });
});

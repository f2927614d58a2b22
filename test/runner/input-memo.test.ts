/** The run's memo of tokenized inputs: computed once per key for the run, nothing kept for one model row. */
import { describe, expect, it } from "vitest";
import { keepForTheRun, keepNothing } from "../../src/runner/input-memo.js";

const counting = () => {
  let calls = 0;
  return {
    compute: async (): Promise<string> => {
      calls += 1;
      return `value ${calls}`;
    },
    calls: () => calls,
  };
};

describe("keepForTheRun", () => {
  it("computes a key once and hands later rows the same value, even while the first computation runs", async () => {
    const memo = keepForTheRun();
    const c = counting();
    const [a, b] = await Promise.all([memo.get(() => "glue:k", c.compute), memo.get(() => "glue:k", c.compute)]);
    expect(await memo.get(() => "glue:k", c.compute)).toBe("value 1");
    expect([a, b, c.calls()]).toEqual(["value 1", "value 1", 1]);
    expect(await memo.get(() => "glue:other", c.compute)).toBe("value 2");
  });

  it("does not keep a failure: the next row computes again", async () => {
    const memo = keepForTheRun();
    await expect(
      memo.get(
        () => "k",
        () => Promise.reject(new Error("bad line")),
      ),
    ).rejects.toThrow("bad line");
    expect(
      await memo.get(
        () => "k",
        async () => "fine",
      ),
    ).toBe("fine");
  });
});

describe("keepNothing", () => {
  it("computes every time, without asking for the key", async () => {
    const c = counting();
    const key = (): string => {
      throw new Error("keepNothing has no use for a key");
    };
    await keepNothing.get(key, c.compute);
    await keepNothing.get(key, c.compute);
    expect(c.calls()).toBe(2);
  });
});

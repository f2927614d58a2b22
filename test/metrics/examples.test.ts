/**
 * Every metric module documents worked examples (a `WorkedExamples` export: the metric and its
 * cases); this finds them in every module under src/metrics, SQuAD's included, and runs them,
 * and checks that the doc comments point to them rather than restate them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { MetricValue, WorkedExamples } from "../../src/metrics/input.js";

const METRICS = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "metrics");

/** Modules under src/metrics that hold no metric: re-exports, argument checks, the GLUE metric groups, shared types, text normalisation. */
const NOT_METRICS = ["index.ts", "input.ts", "glue.ts", "squad/question.ts", "squad/normalize.ts"];

type AnyExamples = WorkedExamples<unknown, unknown, unknown>;

const isWorkedExamples = (value: unknown): value is AnyExamples =>
  typeof value === "object" && value !== null && typeof (value as AnyExamples).metric === "function" && Array.isArray((value as AnyExamples).cases);

const files = readdirSync(METRICS, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.split("\\").join("/"))
  .sort();

const modules = await Promise.all(
  files.map(async (file) => {
    const exports = (await import(pathToFileURL(join(METRICS, file)).href)) as Record<string, unknown>;
    const sets = Object.entries(exports).filter((entry): entry is [string, AnyExamples] => isWorkedExamples(entry[1]));
    return { file, sets };
  }),
);

describe("documented worked examples", () => {
  it("finds the metric modules, SQuAD's among them", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "accuracy.ts",
        "f1.ts",
        "matthews.ts",
        "mcnemar.ts",
        "pearson.ts",
        "spearman.ts",
        "squad/v1.ts",
        "squad/v2.ts",
        "confusion.ts",
        "calibration.ts",
        "by-length.ts",
        "residuals.ts",
        "squad/answer-length.ts",
        "squad/no-answer.ts",
      ]),
    );
  });

  it.each(modules.filter((m) => !NOT_METRICS.includes(m.file)))("$file documents at least two examples per metric", ({ sets }) => {
    expect(sets.length).toBeGreaterThan(0);
    for (const [, set] of sets) expect(set.cases.length).toBeGreaterThanOrEqual(2);
  });

  // An example written both in a comment and in the data drifts: the accuracy comment once
  // listed two of the three cases its data held. The data is the one copy; comments name it.
  it.each(modules.filter((m) => !NOT_METRICS.includes(m.file)))("$file names its examples in a doc comment and restates none", ({ file, sets }) => {
    const comments = [...readFileSync(join(METRICS, file), "utf8").matchAll(/\/\*\*[\s\S]*?\*\//g)].map((m) => m[0]);
    const unnamed = sets.map(([name]) => name).filter((name) => !comments.some((c) => c.includes(`\`${name}\``)));
    expect(unnamed).toEqual([]);
    expect(comments.filter((c) => /@example|^\s*\*\s*-\s[^\n]*\[-?\d/m.test(c))).toEqual([]);
  });

  const cases = modules.flatMap(({ file, sets }) =>
    sets.flatMap(([name, set]) => set.cases.map((example) => ({ label: `${file} ${name}: ${example.why}`, metric: set.metric, example }))),
  );

  it.each(cases)("$label", ({ metric, example }) => {
    expectClose(metric(example.gold, example.pred), example.expected as MetricValue, "value");
  });

  it("compares breakdowns part by part", () => {
    expectClose({ a: [0.1 + 0.2, null], b: "x" }, { a: [0.3, null], b: "x" }, "value");
    expect(() => expectClose({ a: [0.3, 1] }, { a: [0.3, null] }, "value")).toThrow();
    expect(() => expectClose({ a: 1, b: 2 }, { a: 1 }, "value")).toThrow();
    expect(() => expectClose([1, 2], [1, 2, 3], "value")).toThrow();
  });
});

/**
 * Numbers within 1e-15, relative to their size beyond 1 (the hand computations are exact
 * fractions; a percentage such as 200/3 carries 100 times the rounding of a fraction),
 * everything else equal; breakdowns compared part by part.
 */
function expectClose(got: unknown, expected: MetricValue, path: string): void {
  if (typeof expected === "number") {
    expect(typeof got, path).toBe("number");
    expect(Math.abs((got as number) - expected), `${path}: ${String(got)} against ${expected}`).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(expected)));
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(got), path).toBe(true);
    expect((got as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((value: MetricValue, i: number) => {
      expectClose((got as unknown[])[i], value, `${path}[${i}]`);
    });
  } else if (typeof expected === "object" && expected !== null) {
    expect(typeof got === "object" && got !== null && !Array.isArray(got), path).toBe(true);
    const entries = Object.entries(expected as Record<string, MetricValue>);
    expect(Object.keys(got as object), `${path} keys`).toEqual(entries.map(([key]) => key));
    for (const [key, value] of entries) expectClose((got as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else {
    expect(got, path).toBe(expected);
  }
}

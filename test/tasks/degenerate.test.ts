/**
 * Degenerate outputs warn: one label for (nearly) every example, "no answer" to (nearly) every
 * SQuAD 2.0 question or to (nearly) none. No shared classification fixture is degenerate.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { noAnswerWarning, oneLabelWarning } from "../../src/tasks/degenerate.js";
import { hasShared, sharedPath } from "../shared.js";

const repeat = (value: string, n: number): string[] => Array.from({ length: n }, () => value);

describe("one label for nearly every example", () => {
  it("warns at 99%, naming the task, the label and the count", () => {
    expect(oneLabelWarning("sst2", [...repeat("1", 99), "0"], (l) => (l === "1" ? "positive" : "negative"))).toBe(
      "sst2: the model predicts one label, positive, for 99 of 100 examples (99.0%); its scores measure how often that label is right, not the model",
    );
    expect(oneLabelWarning("mnli", repeat("2", 872))).toMatch(/^mnli: the model predicts one label, 2, for 872 of 872 examples \(100\.0%\)/);
  });

  it("does not warn below 99%, or on fewer than 20 examples", () => {
    expect(oneLabelWarning("sst2", [...repeat("1", 98), "0", "0"])).toBeNull();
    expect(oneLabelWarning("sst2", repeat("1", 19))).toBeNull();
  });
});

describe('SQuAD 2.0: "no answer" to nearly every question, or to nearly none', () => {
  it.each([
    ["every question", repeat("", 100), /"no answer" to 100 of 100 questions \(100\.0%\), so it scores the unanswerable questions and nothing else/],
    ["99 of 100", [...repeat("", 99), "Paris"], /"no answer" to 99 of 100 questions \(99\.0%\)/],
    ["no question", repeat("Paris", 100), /"no answer" to 0 of 100 questions \(0\.0%\), though SQuAD 2\.0 has unanswerable ones/],
    ["1 of 100", [...repeat("Paris", 99), ""], /"no answer" to 1 of 100 questions \(1\.0%\), though/],
  ])("warns when it is %s", (_title, answers, message) => {
    expect(noAnswerWarning("squad_v2", answers)).toMatch(message);
  });

  it("does not warn between 1% and 99%", () => {
    expect(noAnswerWarning("squad_v2", [...repeat("", 98), "a", "b"])).toBeNull();
    expect(noAnswerWarning("squad_v2", [...repeat("a", 98), "", ""])).toBeNull();
  });
});

interface Ref {
  task: string;
  dataset_labels?: string[];
  splits: Record<string, { predictions: number[] | Record<string, string> }>;
}

function refs(): Array<{ title: string; ref: Ref; split: string }> {
  if (!hasShared) return [];
  const dirs = [sharedPath("fixtures", "refs"), sharedPath("fixtures", "lowprec", "refs")];
  return dirs.flatMap((dir) =>
    readdirSync(dir).flatMap((name) => {
      const ref = JSON.parse(readFileSync(join(dir, name), "utf8")) as Ref;
      return Object.keys(ref.splits).map((split) => ({ title: `${name} ${split}`, ref, split }));
    }),
  );
}

describe.skipIf(!hasShared)("the shared fixtures' reference predictions", () => {
  it.each(refs().filter(({ ref }) => (ref.dataset_labels?.length ?? 0) >= 2))("$title: no classification fixture predicts one label", ({ ref, split }) => {
    const predictions = ref.splits[split]?.predictions as number[];
    expect(oneLabelWarning(ref.task, predictions.map(String))).toBeNull();
  });

  it.each(refs().filter(({ ref }) => ref.task === "squad_v2"))(
    "$title: the SQuAD 2.0 fixtures at the references' threshold answer about half",
    ({ ref, split }) => {
      const predictions = Object.values(ref.splits[split]?.predictions as Record<string, string>);
      expect(noAnswerWarning("squad_v2", predictions)).toBeNull();
    },
  );
});

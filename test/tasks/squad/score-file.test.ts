import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scoreSquadFile } from "../../../src/tasks/squad/score-file.js";
import { hasShared, sharedPath } from "../../shared.js";

interface MetricCase {
  task: string;
  predictions: string;
  na_probs?: string;
  n: number;
  expected: Record<string, number>;
}

const cases: MetricCase[] = hasShared
  ? (JSON.parse(readFileSync(sharedPath("fixtures", "metrics", "expected.json"), "utf8")) as { cases: MetricCase[] }).cases.filter((c) =>
      c.task.startsWith("squad"),
    )
  : [];

describe.skipIf(!hasShared)("scoreSquadFile against the official scripts' output", () => {
  it("has the SQuAD cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases.map((c) => [`${c.task} ${c.predictions}${c.na_probs ? ` + ${c.na_probs}` : ""}`, c] as const))("%s", async (_title, c) => {
    const task = c.task === "squad" ? "squad" : "squad_v2";
    const data = sharedPath("data", "squad", task === "squad" ? "dev-v1.1.json" : "dev-v2.0.json");
    const metrics = await scoreSquadFile(
      task,
      data,
      sharedPath("fixtures", "metrics", c.predictions),
      c.na_probs === undefined ? undefined : sharedPath("fixtures", "metrics", c.na_probs),
    );
    expect(Object.keys(metrics).sort()).toEqual(Object.keys(c.expected).sort());
    for (const [key, value] of Object.entries(c.expected)) expect(metrics[key], key).toBeCloseTo(value, 9);
  });
});

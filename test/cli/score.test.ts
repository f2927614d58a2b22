/** `glue-eval score` reproduces scikit-learn / SciPy / the official SQuAD scripts on the shared metric cases (1e-9). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasShared, sharedPath } from "../shared.js";
import { runCaptured } from "../factories/cli.js";

interface MetricCase {
  task: string;
  predictions: string;
  n: number;
  na_probs?: string;
  expected: Record<string, number>;
}

const cases: MetricCase[] = hasShared ? (JSON.parse(readFileSync(sharedPath("fixtures", "metrics", "expected.json"), "utf8")) as { cases: MetricCase[] }).cases : [];

describe.skipIf(!hasShared)("glue-eval score on the shared metric cases", () => {
  it.each(cases.map((c) => ({ ...c, title: `${c.task} ${c.predictions}` })))("$title", async (c) => {
    const argv = ["score", "--task", c.task, "--predictions", sharedPath("fixtures", "metrics", c.predictions), "--data-dir", sharedPath("data"), "--json"];
    if (c.na_probs !== undefined) argv.push("--na-probs", sharedPath("fixtures", "metrics", c.na_probs));
    const { code, stdout, stderr } = await runCaptured(argv);
    expect(stderr.includes("error"), stderr).toBe(false);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const metrics = JSON.parse(lines[0] as string) as Record<string, number>;
    expect(Object.keys(metrics).sort()).toEqual(Object.keys(c.expected).sort());
    for (const [key, value] of Object.entries(c.expected)) expect(Math.abs((metrics[key] as number) - value), key).toBeLessThanOrEqual(1e-9);
  });
});

describe("glue-eval score errors", () => {
  it("rejects an unknown task with a usage error", async () => {
    const { code, stderr } = await runCaptured(["score", "--task", "foo", "--predictions", "x.tsv"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown task "foo"/);
  });
});

/** `glue-eval score` reproduces scikit-learn / SciPy / the official SQuAD scripts on the shared metric cases (1e-9). */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

const cases: MetricCase[] = hasShared
  ? (JSON.parse(readFileSync(sharedPath("fixtures", "metrics", "expected.json"), "utf8")) as { cases: MetricCase[] }).cases
  : [];

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

  it("takes the task's aliases, and refuses a group", async () => {
    const { code, stderr } = await runCaptured(["score", "--task", "glue", "--predictions", "x.tsv"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--task takes one task, and glue is a group/);
  });

  // A missing data file used to say only ENOENT.
  it.each([
    ["STS-B", "stsb", "glue/STS-B/dev.tsv"],
    ["squad_v1.1", "squad", "squad/dev-v1.1.json"],
  ])("--task %s without its data names the file, --data-dir and the download command", async (spelling, task, file) => {
    const dir = join(mkdtempSync(join(tmpdir(), "glue-eval-score-")), "my data");
    try {
      const { code, stdout, stderr } = await runCaptured(["score", "--task", spelling, "--predictions", "x", "--data-dir", dir]);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      const command = `glue-eval download --task ${task} --data-dir '${dir}'`;
      expect(stderr).toBe(`glue-eval: error: ${join(dir, file)}: no such file; fetch the data with \`${command}\`\n`);
    } finally {
      rmSync(join(dir, ".."), { recursive: true, force: true });
    }
  });
});

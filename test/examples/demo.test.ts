/**
 * The embedded demo set (examples/): its files are the ones listed, its data the bytes that
 * `glue-eval download` verifies, and the README's first command works from a fresh clone on it
 * alone. Runs without ../shared.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATA_SOURCES } from "../../src/tasks/catalogue/index.js";
import { sha256File } from "../../src/util/hash.js";
import { ensureBuilt, ROOT, runCliProcess } from "../cli-process.js";
import { EXAMPLE_DATA, EXAMPLES, examplePath } from "../examples.js";
import { runCaptured } from "../factories/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-demo-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [relative(EXAMPLES, path)];
  });
}

const sums = readFileSync(examplePath("SHA256SUMS"), "utf8")
  .trim()
  .split("\n")
  .map((line) => {
    const [hash = "", file = ""] = line.split(/ {2}/);
    return { file, hash };
  });

describe("the embedded demo set", () => {
  it("holds exactly the files SHA256SUMS lists, besides its notes and the scheduler recipes", () => {
    const notes = ["README.md", "SHA256SUMS", ".gitattributes"];
    // Not part of the demo set: the recipes for running shards (test/examples/recipes.test.ts checks them) and the library example (api.test.ts).
    const recipes = /^(api|github-actions|kubernetes|slurm)\//;
    expect(
      listFiles(EXAMPLES)
        .filter((f) => !notes.includes(f) && !recipes.test(f))
        .sort(),
    ).toEqual(sums.map((s) => s.file).sort());
  });

  it.each(sums)("$file has its listed sha256", async ({ file, hash }) => {
    expect(await sha256File(examplePath(file))).toBe(hash);
  });

  it.each(["glue/SST-2/dev.tsv", "glue/MRPC/dev.tsv"])("%s is the file `glue-eval download` pins", async (path) => {
    const pinned = DATA_SOURCES.flatMap((spec) => spec.files).find((f) => f.path === path);
    expect(pinned?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await sha256File(join(EXAMPLE_DATA, path))).toBe(pinned?.sha256);
  });

  // The majority class everywhere: accuracy and F1 follow from the label counts alone.
  it.each([
    ["sst2", "SST-2", 872, { accuracy: 444 / 872 }],
    ["mrpc", "MRPC", 408, { accuracy: 279 / 408, f1: (2 * 279) / (2 * 279 + 129) }],
  ] as const)("glue-eval score --task %s on examples/data", async (task, _folder, n, expected) => {
    const predictions = join(tmp, `${task}-ones.tsv`);
    writeFileSync(predictions, `index\tprediction\n${Array.from({ length: n }, (_, i) => `${i}\t1`).join("\n")}\n`);
    const run = await runCaptured(["score", "--task", task, "--predictions", predictions, "--data-dir", EXAMPLE_DATA, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const metrics = JSON.parse(run.stdout) as Record<string, number>;
    for (const [key, value] of Object.entries(expected)) expect(Math.abs((metrics[key] ?? Number.NaN) - value)).toBeLessThanOrEqual(1e-12);
  });
});

/** The first `npx glue-eval …` command of the README's first shell block. */
function readmeCommand(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  const match = /npx glue-eval ([^\n&]+)/.exec(block);
  if (match === null) throw new Error("README: no `npx glue-eval` command in the first shell block");
  return (match[1] ?? "").trim().split(/\s+/);
}

describe("the README's first command, in a folder that holds only the clone's examples/", () => {
  let run = { code: null as number | null, stdout: "", stderr: "" };
  beforeAll(async () => {
    ensureBuilt();
    // Its relative paths resolve against the working folder: one with examples/ and nothing
    // else, so that the results and the report land there and not in the checkout.
    symlinkSync(EXAMPLES, join(tmp, "examples"), "dir");
    run = await runCliProcess(readmeCommand(), tmp);
  });

  it("uses only what the repository holds", () => {
    const args = readmeCommand();
    expect(args.join(" ")).not.toMatch(/shared/);
    expect(args).toContain("examples/data");
    expect(args).toContain("--report");
  });

  it("evaluates, prints the paper table with the model's row and writes the report", () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/│ Model +│ SQuAD 1\.1 │/);
    expect(run.stdout).toMatch(/│ bert-tiny-sst2 +│ +- +│ +- +│ +- +│ 77\.9 +│/);
    const report = args(readmeCommand(), "--report");
    const text = readFileSync(join(tmp, report), "utf8");
    expect(text).toContain("| bert-tiny-sst2 | - | - | - | 77.9 | - | - | - | - | - | - |");
    expect(text).toContain("| SST-2 | dev | 872 | accuracy | 77.87 |");
    expect(existsSync(join(tmp, "results", "bert-tiny-sst2", "sst2.json"))).toBe(true);
    expect(run.stderr).not.toMatch(/warning/);
  });
});

function args(list: readonly string[], flag: string): string {
  const value = list[list.indexOf(flag) + 1];
  if (value === undefined) throw new Error(`no ${flag} in the README command`);
  return value;
}

/**
 * `--help`, `score` and `merge` must not load the native addons (cli/dispatch.ts promises it):
 * they read the task catalogue, which imports nothing native, and results files. A preload records every addon a process
 * loads; the control cases show that it sees tokenizers and onnxruntime-node when they load.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, ensureBuilt, ROOT } from "../cli-process.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL } from "../examples.js";

const PRELOAD = join(ROOT, "test", "fixtures", "native", "record-addons.cjs");
const tmp = mkdtempSync(join(tmpdir(), "glue-eval-no-native-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let counter = 0;

/** Runs node with the recording preload; the addons it loaded and its output. */
function withRecorder(args: string[]): { addons: string[]; status: number | null; stdout: string; stderr: string } {
  const log = join(tmp, `addons-${counter++}.json`);
  const run = spawnSync(process.execPath, ["--require", PRELOAD, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, GLUE_EVAL_ADDON_LOG: log } });
  return { addons: JSON.parse(readFileSync(log, "utf8")) as string[], status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const data = join(tmp, "data");
beforeAll(() => {
  ensureBuilt();
  mkdirSync(join(data, "glue", "SST-2"), { recursive: true });
  writeFileSync(join(data, "glue", "SST-2", "dev.tsv"), "sentence\tlabel\na fine film\t1\na dull film\t0\n");
  writeFileSync(join(tmp, "sst2.tsv"), "index\tprediction\n0\t1\n1\t1\n");
  mkdirSync(join(data, "squad"), { recursive: true });
  writeFileSync(join(data, "squad", "dev-v1.1.json"), readFileSync(join(ROOT, "test", "fixtures", "bad", "squad-good.json")));
  writeFileSync(join(tmp, "squad.json"), JSON.stringify({ q1: "an American football game" }));
});

describe("commands that need no model load no native addon", () => {
  it.each([
    ["--help"],
    ["--version"],
    ["run", "--help"],
    ["--task", "sst2", "--help"],
    ["score", "--help"],
    ["report", "--help"],
    ["compare", "--help"],
    ["submit", "--help"],
    ["download", "--help"],
    ["merge", "--help"],
    ["card", "--help"],
  ])("glue-eval %s", (...args) => {
    const run = withRecorder([CLI, ...args]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.addons).toEqual([]);
  });

  it("glue-eval score on a GLUE task", () => {
    const run = withRecorder([CLI, "score", "--task", "sst2", "--predictions", join(tmp, "sst2.tsv"), "--data-dir", data]);
    expect(run.status, run.stderr).toBe(0);
    // In points with two decimals, as every table shows it.
    expect(run.stdout).toBe("accuracy: 50.00\n");
    expect(run.addons).toEqual([]);
  });

  it("glue-eval merge of a GLUE run's shards", () => {
    // The shards are ordinary runs of the demo model (they load both addons); only the merge is recorded.
    const out = join(tmp, "sharded");
    for (const shard of ["0/2", "1/2"]) {
      const args = [
        "--task",
        "sst2",
        "--model",
        EXAMPLE_MODEL,
        "--data-dir",
        EXAMPLE_DATA,
        "--limit",
        "40",
        "--output-dir",
        out,
        "--shard",
        shard,
        "--no-cache",
        "--threads",
        "1",
      ];
      const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
    }
    const run = withRecorder([CLI, "merge", out, "--json"]);
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { results: { n: number }[] }[])[0]?.results[0]?.n).toBe(40);
    expect(run.addons).toEqual([]);
  });

  it("glue-eval score on SQuAD", () => {
    const run = withRecorder([CLI, "score", "--task", "squad", "--predictions", join(tmp, "squad.json"), "--data-dir", data, "--json"]);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ exact_match: 100, f1: 100 });
    expect(run.addons).toEqual([]);
  });
});

describe("the recorder", () => {
  it.each([
    ["tokenizers", /tokenizers/],
    ["onnxruntime-node", /onnxruntime/],
  ])("sees %s load", (name, path) => {
    const run = withRecorder(["--input-type=module", "-e", `await import(${JSON.stringify(name)});`]);
    expect(run.status, run.stderr).toBe(0);
    expect(
      run.addons.some((file) => path.test(file)),
      run.addons.join(", "),
    ).toBe(true);
  });

  it("sees them load when the run command's runner is imported", () => {
    const run = withRecorder(["--input-type=module", "-e", `await import(${JSON.stringify(join(ROOT, "dist", "runner", "run-evaluation.js"))});`]);
    expect(run.status, run.stderr).toBe(0);
    expect(
      run.addons.some((file) => /tokenizers/.test(file)),
      run.addons.join(", "),
    ).toBe(true);
  });
});

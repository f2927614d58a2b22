/**
 * Sharded runs the CLI refuses before any work, on the demo set (no ../shared needed): a shard
 * with --report (a shard has no scores), and --batch-order length on a graph whose outputs
 * depend on the batch (checked for every model row before the first one runs).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCliProcess } from "../cli-process.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL } from "../examples.js";
import { filesUnder } from "./shard-helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-shard-run-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => ensureBuilt());

const demoArgs = (out: string, extra: readonly string[]): string[] => [
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
  "--no-cache",
  "--threads",
  "1",
  ...extra,
];

async function expectUsageError(name: string, extra: readonly string[], message: RegExp): Promise<void> {
  const out = join(tmp, name);
  const result = await runCliProcess(demoArgs(out, extra));
  const lines = result.stderr.trim().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(result.code).toBe(2);
  expect(filesUnder(out)).toEqual([]);
}

describe("a sharded run refuses before any work", () => {
  it("--report, which needs the whole run's scores", async () => {
    await expectUsageError(
      "report",
      ["--shard", "0/2", "--report", join(tmp, "report", "r.md")],
      /^glue-eval: error: --report needs the whole run's scores.*glue-eval merge <output dir>/,
    );
    expect(filesUnder(join(tmp, "report"))).toEqual([]);
  });

  it("--batch-order length on the dynamic int8 graph", async () => {
    await expectUsageError(
      "q8-length",
      ["--shard", "1/2", "--dtype", "q8", "--batch-order", "length"],
      /^glue-eval: error: --shard cannot reproduce --batch-order length on .*model_quantized\.onnx: its outputs depend on which examples share a batch/,
    );
  });

  it("--batch-order length with the int8 graph second in a precision matrix: the fp32 row writes nothing either", async () => {
    await expectUsageError(
      "matrix-length",
      ["--shard", "1/2", "--dtype", "fp32,q8", "--batch-order", "length"],
      /^glue-eval: error: --shard cannot reproduce --batch-order length on .*model_quantized\.onnx/,
    );
  });

  it("but shards the fp32 graph in length order", async () => {
    const out = join(tmp, "fp32-length");
    const result = await runCliProcess(demoArgs(out, ["--shard", "1/2", "--batch-order", "length"]));
    expect(result.code, result.stderr).toBe(0);
    expect(filesUnder(out)).toEqual(["shards/1-of-2/sst2.json", "shards/1-of-2/sst2.predictions.jsonl"]);
  });
});

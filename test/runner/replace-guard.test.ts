/**
 * A run does not replace a result that covers more examples, or another model or other flags,
 * in its folder unless --overwrite is given; it stops before any work with one line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskResult } from "../../src/results/schema.js";
import { runCaptured } from "../factories/cli.js";
import { classifierGraph, writeModelFolder, writeSst2 } from "../factories/onnx.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-replace-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const data = join(tmp, "data");
const model = join(tmp, "model");
const other = join(tmp, "other-model");

beforeAll(() => {
  const sentences = ["a good film", "not good", "bad", "very very good film"];
  writeSst2(
    data,
    Array.from({ length: 8 }, (_, i) => [sentences[i % 4] as string, ((i >> 1) % 2) as 0 | 1]),
  );
  writeModelFolder(model, "model.onnx", classifierGraph({ weights: [0.25, -0.5, 1, 2] }));
  writeModelFolder(other, "model.onnx", classifierGraph({ weights: [0.25, -0.5, -3, 2] }));
});

const run = (out: string, extra: string[] = [], modelDir = model) =>
  runCaptured(["--task", "sst2", "--model", modelDir, "--data-dir", data, "--output-dir", out, "--no-progress", "--no-cache", ...extra]);
const result = (out: string): TaskResult => JSON.parse(readFileSync(join(out, "sst2.json"), "utf8")) as TaskResult;

describe("a run into a folder that holds a result", () => {
  // Was: `--limit 50` into the default folder silently replaced the full result (n 872 → 50).
  it("refuses to replace a fuller result with a --limit run, before any work, naming the result and --overwrite", async () => {
    const out = join(tmp, "out");
    expect((await run(out)).code).toBe(0);
    const before = readFileSync(join(out, "sst2.json"), "utf8");
    const r = await run(out, ["--limit", "3"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      `glue-eval: error: ${join(out, "sst2.json")} holds a result over 8 of 8 examples, more than this run's 3, which this run would replace: give another --output-dir, or --overwrite to replace it`,
    ]);
    expect(readFileSync(join(out, "sst2.json"), "utf8")).toBe(before);
  });

  it("replaces it with --overwrite, and the subset is recorded as partial", async () => {
    const out = join(tmp, "out");
    const r = await run(out, ["--limit", "3", "--overwrite"]);
    expect(r.code, r.stderr).toBe(0);
    expect(result(out)).toMatchObject({ n: 3, partial: { n: 3, of: 8 } });
  });

  it("lets a fuller run of the same setup replace a subset, and the same run run again", async () => {
    const out = join(tmp, "out");
    expect((await run(out)).code).toBe(0);
    expect(result(out).n).toBe(8);
    expect(result(out).partial).toBeUndefined();
    expect((await run(out)).code).toBe(0);
  });

  it.each([
    ["another model", () => run(join(tmp, "out"), [], other), /holds a result of another model \(sha256 [0-9a-f]{12}…, this run's [0-9a-f]{12}…\)/],
    ["other flags", () => run(join(tmp, "out"), ["--batch-size", "2"]), /holds a result with other flags \(batch_size 32, this run's 2\)/],
    ["another label map", () => run(join(tmp, "out"), ["--label-map", "positive,negative"]), /holds a result with other flags \(label map null\)/],
  ])("refuses to replace a result of %s", async (_title, again, message) => {
    const r = await again();
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("--overwrite to replace it");
    expect(result(join(tmp, "out")).n).toBe(8);
  });

  it("leaves a file that is not a glue-eval result to be replaced", async () => {
    const out = join(tmp, "junk");
    expect((await run(out)).code).toBe(0);
    writeFileSync(join(out, "sst2.json"), "{}");
    expect((await run(out, ["--limit", "2"])).code).toBe(0);
  });
});

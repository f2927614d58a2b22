/** max_seq_length is capped at tokenizer_config.json's model_max_length, with a warning, as run_glue.py does. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { TaskResult } from "../../src/results/schema.js";
import { runCaptured } from "../factories/cli.js";
import { hasShared, sharedPath } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-maxlen-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!hasShared)("model_max_length", () => {
  it("caps --max-seq-length and says so", async () => {
    const model = join(tmp, "model");
    cpSync(sharedPath("fixtures", "models", "bert-tiny-rte"), model, { recursive: true });
    const tc = JSON.parse(readFileSync(join(model, "tokenizer_config.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(model, "tokenizer_config.json"), JSON.stringify({ ...tc, model_max_length: 64 }));
    const out = join(tmp, "out");
    const run = await runCaptured([
      "--task",
      "rte",
      "--model",
      model,
      "--data-dir",
      sharedPath("data"),
      "--output-dir",
      out,
      "--no-cache",
      "--json",
      "--max-seq-length",
      "128",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/max_seq_length 128 is longer than the model's maximum \(64\); using 64/);
    const result = JSON.parse(readFileSync(join(out, "rte.json"), "utf8")) as TaskResult;
    expect(result.config.max_seq_length).toBe(64);
    expect(result.warnings).toHaveLength(1);
    expect(result.truncated).toBeGreaterThan(50);
  });
});

/** config.json as transformers reads it: id2label keys are exactly the indices 0..n-1. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ModelError } from "../../src/errors.js";
import { readModelConfig } from "../../src/model/config.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-config-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let count = 0;
function configWith(id2label: unknown): string {
  const path = join(tmp, `config-${count++}.json`);
  writeFileSync(path, JSON.stringify({ model_type: "bert", id2label }));
  return path;
}

describe("id2label", () => {
  it("reads the labels in index order, whatever the order of the keys", async () => {
    expect((await readModelConfig(configWith({ 1: "positive", 0: "negative" }))).id2label).toEqual(["negative", "positive"]);
  });

  // Regression: "01" was read as index 1, so output 0 had no name and every prediction became "0" (accuracy 0.49 on SST-2 dev).
  it.each([
    ["a key with a leading zero", { 1: "positive", "01": "negative" }, '"01"'],
    ["a key with a space", { 0: "negative", " 1": "positive" }, '" 1"'],
    ["a decimal key", { 0: "negative", "1.0": "positive" }, '"1.0"'],
    ["a key past the last index", { 0: "negative", 2: "positive" }, '"2"'],
    ["a negative key", { 0: "negative", "-1": "positive" }, '"-1"'],
    ["a name key", { negative: 0, positive: 1 }, '"negative"'],
  ])("refuses %s, naming the file and the key", async (_title, id2label, key) => {
    const path = configWith(id2label);
    const error = await readModelConfig(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    const message = (error as Error).message;
    expect(message.startsWith(`${path}: id2label key ${key} is not one of the integers 0..1`)).toBe(true);
    expect(message).not.toContain("\n");
  });

  it("refuses a label name that is not a string", async () => {
    await expect(readModelConfig(configWith({ 0: "negative", 1: 7 }))).rejects.toThrow(/id2label key "1": the label name must be a string, got 7/);
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ModelError } from "../../src/errors.js";
import { resolveModelFolder } from "../../src/model/folder.js";

function folder(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "glue-eval-folder-"));
  for (const f of files) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), "{}");
  }
  return dir;
}

describe("resolveModelFolder", () => {
  it.each([
    ["optimum fp32", ["model.onnx"], "fp32", "model.onnx", "optimum"],
    ["optimum q8", ["model.onnx", "model_quantized.onnx"], "q8", "model_quantized.onnx", "optimum"],
    ["transformers.js fp32", ["onnx/model.onnx", "onnx/model_quantized.onnx"], "fp32", join("onnx", "model.onnx"), "transformers.js"],
    ["transformers.js q8", ["onnx/model.onnx", "onnx/model_quantized.onnx"], "q8", join("onnx", "model_quantized.onnx"), "transformers.js"],
  ] as const)("finds the %s graph", (_t, graphs, dtype, file, layout) => {
    const dir = folder([...graphs, "config.json", "tokenizer.json"]);
    expect(resolveModelFolder(dir, dtype)).toMatchObject({ onnxFile: file, layout, dtype });
  });

  it("points at --dtype q8 when only the quantized graph exists", () => {
    const dir = folder(["onnx/model_quantized.onnx", "config.json", "tokenizer.json"]);
    expect(() => resolveModelFolder(dir, "fp32")).toThrow(/no fp32 graph .*use --dtype q8/);
  });

  it("names the missing tokenizer.json", () => {
    const dir = folder(["model.onnx", "config.json"]);
    expect(() => resolveModelFolder(dir, "fp32")).toThrow(ModelError);
    expect(() => resolveModelFolder(dir, "fp32")).toThrow(/tokenizer\.json is missing/);
  });

  it("rejects a path that is not a folder", () => {
    const dir = folder(["model.onnx"]);
    expect(() => resolveModelFolder(join(dir, "model.onnx"), "fp32")).toThrow(/model folder not found/);
    expect(() => resolveModelFolder(join(dir, "absent"), "fp32")).toThrow(/model folder not found/);
  });
});

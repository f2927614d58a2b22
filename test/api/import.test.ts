/**
 * `import("glue-eval")` resolves through package.json's exports to the built entry, and loads no
 * native addon: a program that only scores files or reads results never loads tokenizers or
 * onnxruntime. They load when evaluate runs a model. The recorder preload is the one
 * test/cli/no-native.test.ts uses.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "../cli-process.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL } from "../examples.js";

const PRELOAD = join(ROOT, "test", "fixtures", "native", "record-addons.cjs");
const tmp = mkdtempSync(join(tmpdir(), "glue-eval-import-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => ensureBuilt());

let counter = 0;

/** An ES module run from the checkout's root, where `glue-eval` names this package; the addons it loaded and its output. */
function runModule(code: string): { addons: string[]; status: number | null; stdout: string; stderr: string } {
  const log = join(tmp, `addons-${counter++}.json`);
  const run = spawnSync(process.execPath, ["--require", PRELOAD, "--input-type=module", "-e", code], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, GLUE_EVAL_ADDON_LOG: log },
  });
  return { addons: JSON.parse(readFileSync(log, "utf8")) as string[], status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('import("glue-eval")', () => {
  it("gives the documented functions and error classes, and loads no native addon", () => {
    const run = runModule('const api = await import("glue-eval"); console.log(Object.keys(api).sort().join(" "));');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split(" ")).toEqual(
      expect.arrayContaining([
        "AbortError",
        "DataError",
        "GlueEvalError",
        "ModelError",
        "UsageError",
        "compare",
        "evaluate",
        "merge",
        "report",
        "score",
        "version",
      ]),
    );
    expect(run.addons).toEqual([]);
  });

  it("declares its types beside the entry, as package.json says", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { exports: { ".": { types: string; default: string } }; types: string };
    expect(pkg.exports["."]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" });
    expect(pkg.types).toBe(pkg.exports["."].types);
    expect(readFileSync(join(ROOT, pkg.types), "utf8")).toMatch(/export \{ evaluate \}/);
  });

  it("loads the addons when evaluate runs a model, and not before", () => {
    const code = `
      const { evaluate } = await import("glue-eval");
      const runs = await evaluate({ model: ${JSON.stringify(EXAMPLE_MODEL)}, tasks: "sst2", dataDir: ${JSON.stringify(EXAMPLE_DATA)}, limit: 8, cacheDir: null, threads: 1 });
      console.log(runs[0].results[0].n);`;
    const run = runModule(code);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe("8");
    expect(
      run.addons.some((file) => /tokenizers/.test(file)),
      run.addons.join(", "),
    ).toBe(true);
    expect(
      run.addons.some((file) => /onnxruntime/.test(file)),
      run.addons.join(", "),
    ).toBe(true);
  });
});

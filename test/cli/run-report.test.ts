/** `glue-eval --report <file.md>`: the run's own report, checked before any work; on the demo set. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLE_DATA, EXAMPLE_MODEL } from "../examples.js";
import { DataType } from "../../src/model/onnx/schema.js";
import { runCaptured } from "../factories/cli.js";
import { classifierGraph, writeModelFolder, writeSst2 } from "../factories/onnx.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-run-report-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = (out: string, extra: string[]) =>
  runCaptured([
    "--task",
    "sst2",
    "--model",
    EXAMPLE_MODEL,
    "--data-dir",
    EXAMPLE_DATA,
    "--output-dir",
    join(tmp, out),
    "--no-progress",
    "--limit",
    "64",
    ...extra,
  ]);

describe("run --report", () => {
  it("reports only the tasks of this run, even when the output folder holds older results", async () => {
    const out = join(tmp, "with-old");
    mkdirSync(out, { recursive: true });
    const first = await run("with-old", []);
    expect(first.code, first.stderr).toBe(0);
    // An older result for another task in the same folder.
    const old = JSON.parse(readFileSync(join(out, "sst2.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(out, "cola.json"), JSON.stringify({ ...old, task: "cola", metrics: { matthews_correlation: 0.5 } }));
    const report = join(tmp, "reports", "run.md");
    const second = await run("with-old", ["--report", report, "--json"]);
    expect(second.code, second.stderr).toBe(0);
    expect(() => JSON.parse(second.stdout) as unknown).not.toThrow();
    const text = readFileSync(report, "utf8");
    expect(text).toContain("| SST-2 | dev | 64 of 872 * | accuracy |");
    expect(text).not.toContain("CoLA | dev");
  });

  it.each([
    ["an empty path", () => [""], 2, /^glue-eval: error: --report must be a file path/],
    [
      "a folder that cannot be made",
      () => [join(tmp, "a-file", "report.md")],
      1,
      /^glue-eval: error: .*a-file\/report\.md: cannot write the report \(a file is in the way of its folder\)$/,
    ],
  ] as const)("refuses %s before any work, in one line", async (_title, value, exit, message) => {
    writeFileSync(join(tmp, "a-file"), "");
    const out = `refused-${exit}`;
    const result = await run(out, ["--report", ...value()]);
    expect(result.code).toBe(exit);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
    expect(existsSync(join(tmp, out)) ? readdirSync(join(tmp, out)) : []).toEqual([]);
  });

  /**
   * A report that fails only once the run is done (here a folder stands at its path, which the
   * check before the run does not look for) ended with "cannot write the report (IO)": the
   * writer's own one-line error, which names the reason, was wrapped again with its code.
   */
  it("says why a report that fails after the run cannot be written, and keeps the run's results", async () => {
    const report = join(tmp, "a-folder.md");
    mkdirSync(report, { recursive: true });
    const result = await run("late", ["--report", report]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n").at(-1)).toBe(`glue-eval: error: ${report}: cannot write the report (a folder of that name is in the way)`);
    expect(result.stderr).not.toMatch(/\(IO\)|\n\s+at /);
    expect(readdirSync(join(tmp, "late")).sort()).toEqual(["sst2.json", "sst2.predictions.jsonl"]);
    expect(readdirSync(report)).toEqual([]);
  });
});

describe("run --report with several dtypes", () => {
  // Was: the terminal showed the precision comparison and `glue-eval report` wrote it, but the --report file left it out.
  it("holds the precision comparison, as glue-eval report writes it", async () => {
    const model = join(tmp, "two-dtypes");
    writeModelFolder(model, "onnx/model.onnx", classifierGraph({ weights: [0.25, -0.5, 1, 2] }));
    writeFileSync(join(model, "onnx", "model_fp16.onnx"), classifierGraph({ weights: [0.25, -0.5, 1, 2], weightType: DataType.FLOAT16 }).graph);
    const data = join(tmp, "dtype-data");
    writeSst2(data, [
      ["a good film", 1],
      ["not good", 0],
    ]);
    const out = join(tmp, "dtypes");
    const report = join(tmp, "dtypes.md");
    const r = await runCaptured([
      "--task",
      "sst2",
      "--model",
      model,
      "--dtype",
      "all",
      "--data-dir",
      data,
      "--output-dir",
      out,
      "--no-progress",
      "--no-cache",
      "--report",
      report,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(report, "utf8");
    expect(text).toContain("## Precision comparison");
    expect(text).toMatch(/\| SST-2 \| two-dtypes \| fp32 \| accuracy \|/);
    expect(text).toMatch(/\| {2}\| two-dtypes-fp16 \| fp16 \| accuracy \|/);
    const again = join(tmp, "dtypes-report.md");
    expect((await runCaptured(["report", out, "--out", again])).code).toBe(0);
    const section = (markdown: string): string =>
      markdown.slice(markdown.indexOf("## Precision comparison"), markdown.indexOf("\n## ", markdown.indexOf("## Precision comparison") + 1));
    expect(section(text)).toBe(section(readFileSync(again, "utf8")));
  });
});

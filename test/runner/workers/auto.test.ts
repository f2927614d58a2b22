/**
 * What `--nproc auto` measures: the examples of the run's tasks (a GLUE file's rows, a SQuAD
 * file's questions, after --limit) and the weights' bytes, without reading a large graph.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { countExamples, weightBytes } from "../../../src/runner/workers/auto.js";
import { EXAMPLE_MODEL } from "../../examples.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-auto-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const options = (dataDir: string, limit: number | null = null) => ({ dataDir, split: "dev" as const, limit }) as never;

describe("the examples of a run", () => {
  const data = join(tmp, "data");
  mkdirSync(join(data, "glue", "SST-2"), { recursive: true });
  mkdirSync(join(data, "squad"), { recursive: true });
  // A header, three rows and no newline after the last; a text with a quote, which GLUE files do not escape.
  writeFileSync(join(data, "glue", "SST-2", "dev.tsv"), 'sentence\tlabel\na "quoted\t1\nb\t0\nc\t1');
  const question = (id: string) => ({ id, question: 'with a "question": inside', answers: [] });
  const squad = {
    data: [
      {
        paragraphs: [
          { context: "c", qas: [question("1"), question("2")] },
          { context: "d", qas: [question("3")] },
        ],
      },
    ],
  };
  writeFileSync(join(data, "squad", "dev-v1.1.json"), JSON.stringify(squad, null, 1));

  it("counts a GLUE file's rows and a SQuAD file's questions, over every task, capped by --limit", async () => {
    expect(await countExamples({ tasks: ["sst2"], options: options(data) })).toBe(3);
    expect(await countExamples({ tasks: ["squad"], options: options(data) })).toBe(3);
    expect(await countExamples({ tasks: ["sst2", "squad"], options: options(data, 2) })).toBe(4);
  });

  it("counts nothing for a file that is not there (the run itself says so)", async () => {
    expect(await countExamples({ tasks: ["mrpc"], options: options(data) })).toBe(0);
  });
});

describe("the weights", () => {
  it("are the graph's bytes when it holds them", async () => {
    const graph = join(EXAMPLE_MODEL, "onnx", "model.onnx");
    expect(await weightBytes(graph)).toBe(statSync(graph).size);
  });

  it("are large by the data files named after the graph alone, the graph unread", async () => {
    const folder = join(tmp, "large");
    mkdirSync(folder);
    writeFileSync(join(folder, "model.onnx"), "not a graph: reading it would fail");
    truncateSync(join(folder, "model.onnx"), 1000);
    writeFileSync(join(folder, "model.onnx_data"), "");
    // A sparse file: its size without the disk.
    truncateSync(join(folder, "model.onnx_data"), 150 * 2 ** 20);
    writeFileSync(join(folder, "model_fp16.onnx_data"), "another graph's");
    expect(await weightBytes(join(folder, "model.onnx"))).toBe(1000 + 150 * 2 ** 20);
  });
});

/** The runner's checks before a task runs: the graph's outputs, and max_seq_length. */
import { describe, expect, it } from "vitest";
import { GlueEvalError } from "../../src/errors.js";
import { checkOutputs, maxSeqLengthFor } from "../../src/runner/run-task.js";
import { tasks } from "../../src/tasks/index.js";

describe("checkOutputs", () => {
  it("accepts a graph with every output the task declares", () => {
    expect(() => checkOutputs(tasks.sst2, ["logits"], "m/model.onnx")).not.toThrow();
    expect(() => checkOutputs(tasks.squad_v2, ["end_logits", "start_logits"], "m/model.onnx")).not.toThrow();
  });

  it.each([
    ["squad", ["logits"], "m/model.onnx: squad needs a question-answering model with output start_logits, end_logits; this graph outputs logits"],
    [
      "sst2",
      ["start_logits", "end_logits"],
      "m/model.onnx: sst2 needs a sequence-classification model with output logits; this graph outputs start_logits, end_logits",
    ],
    ["stsb", [], "m/model.onnx: stsb needs a sequence-classification model with output logits; this graph outputs "],
  ] as const)("refuses %s on a graph with outputs %j, naming the model it needs", (name, outputs, message) => {
    expect(() => checkOutputs(tasks[name], outputs, "m/model.onnx")).toThrow(GlueEvalError);
    expect(() => checkOutputs(tasks[name], outputs, "m/model.onnx")).toThrow(message);
  });
});

describe("maxSeqLengthFor", () => {
  const run = (name: "sst2" | "squad", flag: number | null, modelMax: number | null) => {
    const warnings: string[] = [];
    return { length: maxSeqLengthFor(tasks[name], flag, modelMax, (m) => warnings.push(m)), warnings };
  };

  it("takes the task's default (run_glue.py 128, run_qa.py 384) unless the flag says otherwise", () => {
    expect(run("sst2", null, null)).toEqual({ length: 128, warnings: [] });
    expect(run("squad", null, 512)).toEqual({ length: 384, warnings: [] });
    expect(run("sst2", 256, 512)).toEqual({ length: 256, warnings: [] });
  });

  it("caps it at the model's maximum with a warning", () => {
    const { length, warnings } = run("squad", null, 256);
    expect(length).toBe(256);
    expect(warnings).toEqual(["squad: max_seq_length 384 is longer than the model's maximum (256); using 256, as run_glue.py / run_qa.py do"]);
  });
});

import { describe, expect, it } from "vitest";
import { ModelError } from "../../src/errors.js";
import { mapLabels, type TaskLabel } from "../../src/model/labels.js";

const MNLI: TaskLabel[] = ["entailment", "neutral", "contradiction"].map((name) => ({ name, value: name }));
const MRPC: TaskLabel[] = [
  { name: "not_equivalent", value: "0" },
  { name: "equivalent", value: "1" },
];

describe("mapLabels", () => {
  it("maps by name, case-insensitively (roberta-large-mnli puts CONTRADICTION first)", () => {
    const m = mapLabels("m", "mnli", ["CONTRADICTION", "NEUTRAL", "ENTAILMENT"], 3, MNLI, null);
    expect(m.modelToTask).toEqual([2, 1, 0]);
    expect(m.source).toBe("names");
  });

  it("accepts NOT_ENTAILMENT for not_entailment and the GLUE spelling 0/1", () => {
    const rte: TaskLabel[] = [
      { name: "entailment", value: "entailment" },
      { name: "not_entailment", value: "not_entailment" },
    ];
    expect(mapLabels("m", "rte", ["NOT_ENTAILMENT", "ENTAILMENT"], 2, rte, null).modelToTask).toEqual([1, 0]);
    expect(mapLabels("m", "mrpc", ["1", "0"], 2, MRPC, null).modelToTask).toEqual([1, 0]);
  });

  it("falls back to the dataset order with a warning for generic names", () => {
    const m = mapLabels("m", "mrpc", ["LABEL_0", "LABEL_1"], 2, MRPC, null);
    expect(m.modelToTask).toEqual([0, 1]);
    expect(m.source).toBe("generic");
    expect(m.warnings[0]).toMatch(/generic/);
    expect(mapLabels("m", "mrpc", null, 2, MRPC, null).source).toBe("generic");
  });

  it("lets --label-map override", () => {
    const m = mapLabels("m", "mnli", ["LABEL_0", "LABEL_1", "LABEL_2"], 3, MNLI, ["contradiction", "neutral", "entailment"]);
    expect(m).toMatchObject({ modelToTask: [2, 1, 0], source: "override" });
  });

  it.each([
    ["a label count that cannot fit", ["a", "b"], 2, /has 2 output labels but mnli has 3/],
    ["an unknown name", ["entailment", "neutral", "banana"], 3, /cannot be mapped to the mnli labels/],
    ["a repeated name", ["entailment", "entailment", "neutral"], 3, /cannot be mapped/],
  ])("rejects %s", (_t, names, n, message) => {
    expect(() => mapLabels("m", "mnli", names, n, MNLI, null)).toThrow(ModelError);
    expect(() => mapLabels("m", "mnli", names, n, MNLI, null)).toThrow(message);
  });
});

import { describe, expect, it } from "vitest";
import { inputKey } from "../../src/tasks/input-key.js";

describe("inputKey", () => {
  const parts = ["tokenizer-sha", 128, [["a good film", null]]] as const;

  it("is the same for the same inputs", () => {
    expect(inputKey("glue", [...parts])).toBe(inputKey("glue", ["tokenizer-sha", 128, [["a good film", null]]]));
  });

  it("changes with every part: the kind, the tokenizer, a flag, a text, a pair", () => {
    const keys = [
      inputKey("glue", [...parts]),
      inputKey("squad", [...parts]),
      inputKey("glue", ["other-sha", 128, [["a good film", null]]]),
      inputKey("glue", ["tokenizer-sha", 64, [["a good film", null]]]),
      inputKey("glue", ["tokenizer-sha", 128, [["a good film!", null]]]),
      inputKey("glue", ["tokenizer-sha", 128, [["a good film", ""]]]),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

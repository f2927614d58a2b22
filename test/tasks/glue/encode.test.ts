/**
 * encodeExamples was sped up for the bench (shared tokenizer instances, encodeBatch for single
 * sentences, the overflow check only at max length); its encodings and truncation count must
 * stay what one encode(a, b) per example gives.
 */
import { describe, expect, it } from "vitest";
import { createTokenizer, readTokenizerFile } from "../../../src/model/tokenizer.js";
import { glueDefinitions } from "../../../src/tasks/catalogue/index.js";
import { encodeExamples } from "../../../src/tasks/glue/encode.js";
import { readGlueSplit } from "../../../src/tasks/glue/read.js";
import { hasShared, sharedPath } from "../../shared.js";

describe.skipIf(!hasShared)("encodeExamples", () => {
  it.each([
    ["sst2", 128],
    ["sst2", 16],
    ["rte", 128],
    ["rte", 32],
  ])("%s at max length %d equals one encode per example", async (task, maxLength) => {
    const file = await readTokenizerFile(sharedPath("fixtures", "models", "bert-tiny-rte", "tokenizer.json"));
    const def = glueDefinitions.find((d) => d.name === task);
    if (def === undefined) throw new Error(task);
    const { examples } = await readGlueSplit(def, def.dev, sharedPath("data"), null);
    const encoded = await encodeExamples(file, examples, maxLength);
    // Twice: the second call reuses the tokenizer instance.
    expect((await encodeExamples(file, examples, maxLength)).features).toEqual(encoded.features);
    const tokenizer = createTokenizer(file, { maxLength, strategy: "longest_first" });
    const reference = await Promise.all(examples.map((ex) => tokenizer.encode(ex.text, ex.pair)));
    expect(encoded.features).toEqual(reference.map((e) => ({ ids: e.getIds(), typeIds: e.getTypeIds() })));
    expect(encoded.truncated).toBe(reference.filter((e) => e.getOverflowing().length > 0).length);
    expect(encoded.truncated).toBeGreaterThan(maxLength < 128 ? 0 : -1);
  });
});

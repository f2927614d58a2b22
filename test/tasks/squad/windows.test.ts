import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildWindows, type QaWindow } from "../../../src/tasks/squad/windows.js";
import { hasShared, sharedPath } from "../../shared.js";
import { example, modelTokenizer, type RefOffset } from "./helpers.js";

interface QaFixture {
  max_length: number;
  stride: number;
  question: string[];
  context: string[];
  ids: string[];
  features: { example_id: string; input_ids: number[]; token_type_ids: number[] | null; offsets: RefOffset[] }[];
}

const FAMILIES = [
  ["bert", "bert-tiny-squad"],
  ["roberta", "roberta-tiny-squad"],
  ["deberta", "deberta-v3-tiny-squad2"],
] as const;

function readQa(family: string): QaFixture[] {
  return (JSON.parse(readFileSync(sharedPath("fixtures", "tokenization", `${family}.json`), "utf8")) as { qa: QaFixture[] }).qa;
}

const offsetsOf = (window: QaWindow): RefOffset[] => window.offsets.toArray().map((o) => (o === null ? null : [o[0], o[1]]));

describe.skipIf(!hasShared)("SQuAD windows equal prepare_validation_features (tokenization fixtures)", () => {
  const cases = hasShared
    ? FAMILIES.flatMap(([family, model]) => readQa(family).map((qa) => [`${family} max_length ${qa.max_length} stride ${qa.stride}`, model, qa] as const))
    : [];

  it.each(cases)("%s", async (_title, model, qa) => {
    const examples = qa.ids.map((id, i) => example(id, qa.question[i] ?? "", qa.context[i] ?? ""));
    const windows = await buildWindows(examples, await modelTokenizer(model), { maxSeqLength: qa.max_length, docStride: qa.stride, file: "fixture" });
    expect(windows.length).toBe(qa.features.length);
    windows.forEach((window, i) => {
      const ref = qa.features[i];
      expect(qa.ids[window.exampleIndex], `window ${i} example`).toBe(ref?.example_id);
      expect(window.ids, `window ${i} input_ids`).toEqual(ref?.input_ids);
      // RoBERTa's tokenizer returns no token_type_ids (its graph takes none).
      if (ref?.token_type_ids) expect(window.typeIds, `window ${i} token_type_ids`).toEqual(ref.token_type_ids);
      expect(offsetsOf(window), `window ${i} offsets`).toEqual(ref?.offsets);
    });
  });
});

describe.skipIf(!hasShared)("SQuAD windows for a tokenizer that pads on the left", () => {
  it("puts the context first and cuts it (only_first), as run_qa.py does", async () => {
    const right = await modelTokenizer("bert-tiny-squad");
    const left = { ...right, padSide: "left" as const };
    const context = Array.from({ length: 40 }, (_, i) => `Word${i % 5} number ${i}.`).join(" ");
    const examples = [example("q", "  Which word?", context)];
    const options = { maxSeqLength: 48, docStride: 8, file: "fixture" };
    const [first, ...rest] = await buildWindows(examples, left, options);
    const questionFirst = await buildWindows(examples, right, options);
    expect(rest.length + 1).toBe(questionFirst.length);
    if (first === undefined) throw new Error("no window");
    // [CLS] context… [SEP] which word ? [SEP]: offsets only before the first [SEP].
    const offsets = first.offsets.toArray();
    const firstSep = offsets.indexOf(null, 1);
    expect(offsets[0]).toBeNull();
    expect(offsets.slice(1, firstSep).every((o) => o !== null)).toBe(true);
    expect(offsets.slice(firstSep).every((o) => o === null)).toBe(true);
    expect(first.offsets.at(-1)).toBeNull();
    expect(first.offsets.at(offsets.length)).toBeNull();
    expect(first.ids.slice(-4, -1)).toEqual(questionFirst[0]?.ids.slice(1, 4));
  });
});

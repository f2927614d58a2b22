import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildWindows, type QaWindow } from "../../src/tasks/squad/windows.js";
import { hasShared, sharedPath } from "../shared.js";
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

const offsetsOf = (window: QaWindow): RefOffset[] => window.offsets.map((o) => (o === null ? null : [o[0], o[1]]));

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

import { describe, expect, it } from "vitest";
import { buildWindows } from "../../../src/tasks/squad/windows.js";
import { hasShared } from "../../shared.js";
import { devExamples, modelTokenizer, QA_MODELS, readRef } from "./helpers.js";

describe.skipIf(!hasShared)("SQuAD windows equal the reference run's features", () => {
  it.each(QA_MODELS)("%s: the first 200 windows and the number of windows", async (model) => {
    const ref = readRef(model);
    const examples = await devExamples(ref.task);
    expect(examples.length).toBe(ref.n_examples);
    const windows = await buildWindows(examples, await modelTokenizer(model), {
      maxSeqLength: ref.max_seq_length,
      docStride: ref.doc_stride,
      file: "dev",
    });
    expect(windows.length).toBe(ref.n_features);
    const head = ref.features_head;
    head.input_ids.forEach((ids, i) => {
      const window = windows[i];
      expect(window?.exampleIndex, `window ${i} sample`).toBe(head.overflow_to_sample_mapping[i]);
      expect(examples[window?.exampleIndex ?? -1]?.id, `window ${i} example_id`).toBe(head.example_id[i]);
      expect(window?.ids, `window ${i} input_ids`).toEqual(ids);
      expect(
        window?.offsets.toArray().map((o) => (o === null ? null : [o[0], o[1]])),
        `window ${i} offsets`,
      ).toEqual(head.offsets[i]);
    });
  });
});

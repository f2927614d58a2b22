import { mnli } from "./mnli.js";
import type { GlueTaskDefinition } from "./glue.js";

/**
 * AX, the diagnostic set, scored with an MNLI model. Its labels are not in the public
 * GLUE download: without --labels-file it writes predictions only; with a labelled file
 * (diagnostic-full.tsv, label column "Label") it reports Matthews correlation, as GLUE does.
 */
export const ax = {
  name: "ax",
  description: "AX diagnostic (Matthews correlation; MNLI model)",
  labels: mnli.labels,
  metrics: "matthews",
  dev: { file: "diagnostic/diagnostic.tsv", split: "test", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
  test: { file: "diagnostic/diagnostic.tsv", split: "test", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
} satisfies GlueTaskDefinition;

import { type GlueTaskDefinition, named } from "./glue.js";

/**
 * MNLI matched. Columns are read by header name: the original dev files have 16 columns
 * (five annotator labels), converted copies 12; both put the gold label in `gold_label`.
 */
export const mnli = {
  name: "mnli",
  description: "MNLI-m (accuracy)",
  labels: named("entailment", "neutral", "contradiction"),
  metrics: "accuracy",
  dev: { file: "MNLI/dev_matched.tsv", split: "dev_matched", hasHeader: true, text: "sentence1", pair: "sentence2", label: "gold_label" },
  test: { file: "MNLI/test_matched.tsv", split: "test_matched", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
} satisfies GlueTaskDefinition;

export const mnliMismatched = {
  ...mnli,
  name: "mnli-mm",
  description: "MNLI-mm (accuracy)",
  dev: { ...mnli.dev, file: "MNLI/dev_mismatched.tsv", split: "dev_mismatched" },
  test: { ...mnli.test, file: "MNLI/test_mismatched.tsv", split: "test_mismatched" },
} satisfies GlueTaskDefinition;

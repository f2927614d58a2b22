import { GLUE_DEFAULTS, type GlueTaskDefinition, named } from "./glue.js";
import { glueZip, pin } from "./sources.js";

/**
 * MNLI matched. Columns are read by header name: the original dev files have 16 columns
 * (five annotator labels), converted copies 12; both put the gold label in `gold_label`.
 */
export const mnli = {
  ...GLUE_DEFAULTS,
  name: "mnli",
  kind: "classification",
  title: "MNLI-m",
  paper: { column: "mnli", metrics: ["accuracy"] },
  labels: named("entailment", "neutral", "contradiction"),
  metrics: "accuracy",
  primary: "accuracy",
  submission: { file: "MNLI-m.tsv", testRows: 9796 },
  aliases: ["mnli_matched"],
  data: glueZip("mnli", "MNLI.zip", "e7c1d896d26ed6caf700110645df426cc2d8ebf02a5ab743d5a5c68ac1c83633", 312783507, [
    pin("glue/MNLI/dev_matched.tsv", null),
    pin("glue/MNLI/dev_mismatched.tsv", null),
  ]),
  dev: { file: "MNLI/dev_matched.tsv", split: "dev_matched", hasHeader: true, text: "sentence1", pair: "sentence2", label: "gold_label" },
  test: { file: "MNLI/test_matched.tsv", split: "test_matched", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
} satisfies GlueTaskDefinition;

/** MNLI mismatched: the same download as MNLI-m, its other dev file. */
export const mnliMismatched = {
  ...mnli,
  name: "mnli-mm",
  title: "MNLI-mm",
  aliases: ["mnli_mismatched"],
  submission: { file: "MNLI-mm.tsv", testRows: 9847 },
  dev: { ...mnli.dev, file: "MNLI/dev_mismatched.tsv", split: "dev_mismatched" },
  test: { ...mnli.test, file: "MNLI/test_mismatched.tsv", split: "test_mismatched" },
} satisfies GlueTaskDefinition;

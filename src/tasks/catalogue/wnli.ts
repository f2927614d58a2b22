import { binary, GLUE_DEFAULTS, type GlueTaskDefinition } from "./glue.js";

/** WNLI: GLUE writes 1 for entailment; HF datasets orders not_entailment first. Not in the paper's table. */
export const wnli = {
  ...GLUE_DEFAULTS,
  name: "wnli",
  kind: "classification",
  title: "WNLI",
  paper: null,
  labels: binary("not_entailment", "entailment"),
  metrics: "accuracy",
  primary: "accuracy",
  submission: { file: "WNLI.tsv", testRows: 146 },
  dev: { file: "WNLI/dev.tsv", split: "dev", hasHeader: true, text: "sentence1", pair: "sentence2", label: "label" },
  test: { file: "WNLI/test.tsv", split: "test", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
} satisfies GlueTaskDefinition;

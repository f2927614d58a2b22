import { binary, GLUE_DEFAULTS, type GlueTaskDefinition } from "./glue.js";

/** MRPC: paraphrase; F1 of the "equivalent" class. dev.tsv starts with a UTF-8 BOM. */
export const mrpc = {
  ...GLUE_DEFAULTS,
  name: "mrpc",
  kind: "classification",
  title: "MRPC",
  paper: { column: "mrpc", metrics: ["accuracy", "f1"] },
  labels: binary("not_equivalent", "equivalent"),
  metrics: "accuracy_f1",
  primary: "accuracy",
  submission: { file: "MRPC.tsv", testRows: 1725 },
  dev: { file: "MRPC/dev.tsv", split: "dev", hasHeader: true, text: "#1 String", pair: "#2 String", label: "Quality" },
  test: { file: "MRPC/test.tsv", split: "test", hasHeader: true, text: "#1 String", pair: "#2 String", index: "index" },
} satisfies GlueTaskDefinition;

import { binary, type GlueTaskDefinition } from "./glue.js";

/** MRPC: paraphrase; F1 of the "equivalent" class. dev.tsv starts with a UTF-8 BOM. */
export const mrpc = {
  name: "mrpc",
  description: "MRPC (accuracy / F1)",
  labels: binary("not_equivalent", "equivalent"),
  metrics: "accuracy_f1",
  dev: { file: "MRPC/dev.tsv", split: "dev", hasHeader: true, text: "#1 String", pair: "#2 String", label: "Quality" },
  test: { file: "MRPC/test.tsv", split: "test", hasHeader: true, text: "#1 String", pair: "#2 String", index: "index" },
} satisfies GlueTaskDefinition;

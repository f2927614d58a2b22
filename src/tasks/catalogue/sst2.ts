import { binary, GLUE_DEFAULTS, type GlueTaskDefinition } from "./glue.js";

export const sst2 = {
  ...GLUE_DEFAULTS,
  name: "sst2",
  kind: "classification",
  title: "SST-2",
  paper: { column: "sst2", metrics: ["accuracy"] },
  labels: binary("negative", "positive"),
  metrics: "accuracy",
  primary: "accuracy",
  submission: { file: "SST-2.tsv", testRows: 1821 },
  dev: { file: "SST-2/dev.tsv", split: "dev", hasHeader: true, text: "sentence", label: "label" },
  test: { file: "SST-2/test.tsv", split: "test", hasHeader: true, text: "sentence", index: "index" },
} satisfies GlueTaskDefinition;

import { binary, type GlueTaskDefinition } from "./glue.js";

export const sst2 = {
  name: "sst2",
  description: "SST-2 (accuracy)",
  labels: binary("negative", "positive"),
  metrics: "accuracy",
  dev: { file: "SST-2/dev.tsv", split: "dev", hasHeader: true, text: "sentence", label: "label" },
  test: { file: "SST-2/test.tsv", split: "test", hasHeader: true, text: "sentence", index: "index" },
} satisfies GlueTaskDefinition;

import { binary, type GlueTaskDefinition } from "./glue.js";

/** CoLA: grammatical acceptability; dev.tsv has no header (source, label, original label, sentence). */
export const cola = {
  name: "cola",
  description: "CoLA (Matthews correlation)",
  labels: binary("unacceptable", "acceptable"),
  metrics: "matthews",
  dev: { file: "CoLA/dev.tsv", split: "dev", hasHeader: false, columns: 4, text: 3, label: 1 },
  test: { file: "CoLA/test.tsv", split: "test", hasHeader: true, text: "sentence", index: "index" },
} satisfies GlueTaskDefinition;

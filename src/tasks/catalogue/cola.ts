import { binary, GLUE_DEFAULTS, type GlueTaskDefinition } from "./glue.js";

/** CoLA: grammatical acceptability; dev.tsv has no header (source, label, original label, sentence). */
export const cola = {
  ...GLUE_DEFAULTS,
  name: "cola",
  kind: "classification",
  title: "CoLA",
  paper: { column: "cola", metrics: ["matthews_correlation"] },
  labels: binary("unacceptable", "acceptable"),
  metrics: "matthews",
  primary: "matthews_correlation",
  submission: { file: "CoLA.tsv", testRows: 1063 },
  dev: { file: "CoLA/dev.tsv", split: "dev", hasHeader: false, columns: 4, text: 3, label: 1 },
  test: { file: "CoLA/test.tsv", split: "test", hasHeader: true, text: "sentence", index: "index" },
} satisfies GlueTaskDefinition;

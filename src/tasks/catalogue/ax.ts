import { GLUE_DEFAULTS, type GlueTaskDefinition } from "./glue.js";
import { mnli } from "./mnli.js";
import { GLUE_URL, plainFile, singleFile } from "./sources.js";

/**
 * AX, the diagnostic set, scored with an MNLI model. Its labels are not in the public
 * GLUE download: without --labels-file it writes predictions only; with a labelled file
 * (diagnostic-full.tsv, label column "Label") it reports Matthews correlation, as GLUE does.
 */
export const ax = {
  ...GLUE_DEFAULTS,
  name: "ax",
  kind: "classification",
  title: "AX",
  paper: null,
  labels: mnli.labels,
  metrics: "matthews",
  primary: "matthews_correlation",
  submission: { file: "AX.tsv", testRows: 1104 },
  aliases: ["diagnostic"],
  data: singleFile(
    "ax",
    plainFile(GLUE_URL, "glue", "AX.tsv", "glue/diagnostic/diagnostic.tsv", "0e13510b1bb14436ff7e2ee82338f0efb0133ecf2e73507a697dc210db3f05fd", 222257),
  ),
  takesLabelsFile: true,
  dev: { file: "diagnostic/diagnostic.tsv", split: "test", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
  test: { file: "diagnostic/diagnostic.tsv", split: "test", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
} satisfies GlueTaskDefinition;

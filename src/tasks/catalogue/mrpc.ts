import { binary, GLUE_DEFAULTS, type GlueTaskDefinition } from "./glue.js";
import { GLUE_URL, pin, plainFile, SENTEVAL_URL } from "./sources.js";

/** The SentEval copy of an MSR paraphrase corpus file, saved beside the files built from it. */
const senteval = (file: string, sha256: string, size: number) => plainFile(SENTEVAL_URL, "senteval", file, `glue/MRPC/${file}`, sha256, size);

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
  data: {
    name: "mrpc",
    steps: [
      senteval("msr_paraphrase_train.txt", "60a9b09084528f0673eedee2b69cb941920f0b8cd0eeccefc464a98768457f89", 1047044),
      senteval("msr_paraphrase_test.txt", "a04e271090879aaba6423d65b94950c089298587d9c084bf9cd7439bd785f784", 441275),
      plainFile(GLUE_URL, "glue", "mrpc_dev_ids.tsv", "glue/MRPC/dev_ids.tsv", "971d7767d81b997fd9060ade0ec23c4fc31cbb226a55d1bd4a1bac474eb81dc7", 6222),
    ],
    files: [
      pin("glue/MRPC/dev_ids.tsv", "971d7767d81b997fd9060ade0ec23c4fc31cbb226a55d1bd4a1bac474eb81dc7"),
      pin("glue/MRPC/dev.tsv", "9e8f284788040f7c9ecde2e1b3c07237c756f926bd9ef8548ef5d34b56f69f17"),
      pin("glue/MRPC/train.tsv", null),
      pin("glue/MRPC/test.tsv", null),
    ],
    derive: "mrpc",
  },
  dev: { file: "MRPC/dev.tsv", split: "dev", hasHeader: true, text: "#1 String", pair: "#2 String", label: "Quality" },
  test: { file: "MRPC/test.tsv", split: "test", hasHeader: true, text: "#1 String", pair: "#2 String", index: "index" },
} satisfies GlueTaskDefinition;

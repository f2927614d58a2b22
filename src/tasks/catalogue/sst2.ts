import { binary, GLUE_DEFAULTS, type GlueTaskDefinition } from "./glue.js";
import { glueZip, pin } from "./sources.js";

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
  data: glueZip("sst2", "SST-2.zip", "d67e16fb55739c1b32cdce9877596db1c127dc322d93c082281f64057c16deaa", 7439277, [
    pin("glue/SST-2/dev.tsv", "54a9c12c77e402fc14d6a66a506f24d999f596b0176eb777c972cccc2f9cc4b0"),
    pin("glue/SST-2/train.tsv", "48eac26399f8456935f81dd9e3a745c1430adb6c62e233ccfe22db4a0d15d1d1"),
  ]),
  dev: { file: "SST-2/dev.tsv", split: "dev", hasHeader: true, text: "sentence", label: "label" },
  test: { file: "SST-2/test.tsv", split: "test", hasHeader: true, text: "sentence", index: "index" },
} satisfies GlueTaskDefinition;

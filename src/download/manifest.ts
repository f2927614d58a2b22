/**
 * Where every dataset file comes from, where it goes, and the bytes it must have.
 *
 * GLUE follows `download_glue_data.py` (nyu-mll/GLUE-baselines, jiant): one zip per task
 * from dl.fbaipublicfiles.com, extracted into `glue/`, the unlabeled diagnostic set as
 * `glue/diagnostic/diagnostic.tsv`, and MRPC rebuilt from the SentEval copies of the MSR
 * paraphrase corpus split by `dev_ids.tsv` (see mrpc.ts). SQuAD dev sets come from the
 * SQuAD explorer site. QQP uses `QQP-clean.zip`, the archive the script fetches today.
 *
 * Hashes, and where each one comes from:
 * - extracted files, `AX.tsv` and the SQuAD files: `shared/data/SOURCES.md` of the reference
 *   material (files byte-identical to the official ones);
 * - archives and the MRPC source files: the `download_checksums` that HuggingFace datasets
 *   pins for the same URLs (huggingface/datasets `datasets/glue/dataset_infos.json`);
 *   MNLI.zip, AX.tsv and mrpc_dev_ids.tsv agree with SOURCES.md as well.
 * Files with `sha256: null` are only checked for presence (and, inside archives, by CRC-32):
 * no copy of the original bytes was available to pin (MNLI and QQP dev, MRPC train: the
 * reference copies are conversions or lack a row).
 *
 * Mirror layout (`--base-url URL` or GLUE_EVAL_DATA_URL): each file is fetched from
 * `URL/<mirrorPath>`, i.e.
 *   URL/glue/{CoLA,SST-2,QQP-clean,STS-B,MNLI,QNLIv2,RTE,WNLI}.zip, URL/glue/AX.tsv,
 *   URL/glue/mrpc_dev_ids.tsv, URL/senteval/msr_paraphrase_{train,test}.txt,
 *   URL/squad/dev-v1.1.json, URL/squad/dev-v2.0.json
 * (the official files under the official names, one folder per origin).
 */

export const DATASET_NAMES = ["cola", "sst2", "mrpc", "qqp", "stsb", "mnli", "qnli", "rte", "wnli", "ax", "squad_v1", "squad_v2"] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export interface RemoteFile {
  /** The official location. */
  url: string;
  /** Path below a mirror's base URL. */
  mirrorPath: string;
  sha256: string | null;
  size: number | null;
}

/** A plain file saved at `target`, or an archive extracted into `extractTo` (both relative to the data dir). */
export type DownloadStep = (RemoteFile & { kind: "file"; target: string }) | (RemoteFile & { kind: "zip"; extractTo: string });

export interface PinnedFile {
  /** Relative to the data dir. */
  path: string;
  sha256: string | null;
}

export interface DatasetSpec {
  name: DatasetName;
  group: "glue" | "squad";
  steps: readonly DownloadStep[];
  /** What the data dir holds afterwards. */
  files: readonly PinnedFile[];
  /** A step run after the downloads that builds files from them. */
  derive?: "mrpc";
}

const GLUE = "https://dl.fbaipublicfiles.com/glue/data/";
const SENTEVAL = "https://dl.fbaipublicfiles.com/senteval/senteval_data/";
const SQUAD = "https://rajpurkar.github.io/SQuAD-explorer/dataset/";

function glueZip(name: DatasetName, archive: string, sha256: string, size: number, files: readonly PinnedFile[]): DatasetSpec {
  return { name, group: "glue", steps: [{ kind: "zip", url: `${GLUE}${archive}`, mirrorPath: `glue/${archive}`, sha256, size, extractTo: "glue" }], files };
}

function plainFile(base: string, folder: string, file: string, target: string, sha256: string, size: number): DownloadStep {
  return { kind: "file", url: `${base}${file}`, mirrorPath: `${folder}/${file}`, sha256, size, target };
}

const pin = (path: string, sha256: string | null): PinnedFile => ({ path, sha256 });

export const MANIFEST: readonly DatasetSpec[] = [
  glueZip("cola", "CoLA.zip", "f212fcd832b8f7b435fb991f101abf89f96b933ab400603bf198960dfc32cbff", 376971, [
    pin("glue/CoLA/dev.tsv", "8c013e21dc39957cac37378d87bebe225b694a0d5fe13eded66c2856628833fd"),
    pin("glue/CoLA/train.tsv", "cb368ebeb9f27d7ad03720d27ddc95687a311bdb100781a2fe59a5f5b1bc0624"),
  ]),
  glueZip("sst2", "SST-2.zip", "d67e16fb55739c1b32cdce9877596db1c127dc322d93c082281f64057c16deaa", 7439277, [
    pin("glue/SST-2/dev.tsv", "54a9c12c77e402fc14d6a66a506f24d999f596b0176eb777c972cccc2f9cc4b0"),
    pin("glue/SST-2/train.tsv", "48eac26399f8456935f81dd9e3a745c1430adb6c62e233ccfe22db4a0d15d1d1"),
  ]),
  {
    name: "mrpc",
    group: "glue",
    steps: [
      plainFile(SENTEVAL, "senteval", "msr_paraphrase_train.txt", "glue/MRPC/msr_paraphrase_train.txt", "60a9b09084528f0673eedee2b69cb941920f0b8cd0eeccefc464a98768457f89", 1047044),
      plainFile(SENTEVAL, "senteval", "msr_paraphrase_test.txt", "glue/MRPC/msr_paraphrase_test.txt", "a04e271090879aaba6423d65b94950c089298587d9c084bf9cd7439bd785f784", 441275),
      plainFile(GLUE, "glue", "mrpc_dev_ids.tsv", "glue/MRPC/dev_ids.tsv", "971d7767d81b997fd9060ade0ec23c4fc31cbb226a55d1bd4a1bac474eb81dc7", 6222),
    ],
    files: [
      pin("glue/MRPC/dev_ids.tsv", "971d7767d81b997fd9060ade0ec23c4fc31cbb226a55d1bd4a1bac474eb81dc7"),
      pin("glue/MRPC/dev.tsv", "9e8f284788040f7c9ecde2e1b3c07237c756f926bd9ef8548ef5d34b56f69f17"),
      pin("glue/MRPC/train.tsv", null),
      pin("glue/MRPC/test.tsv", null),
    ],
    derive: "mrpc",
  },
  glueZip("qqp", "QQP-clean.zip", "40e7c862c04eb26ee04b67fd900e76c45c6ba8e6d8fab4f8f1f8072a1a3fbae0", 41696084, [pin("glue/QQP/dev.tsv", null)]),
  glueZip("stsb", "STS-B.zip", "e60a6393de5a8b5b9bac5020a1554b54e3691f9d600b775bd131e613ac179c85", 802872, [
    pin("glue/STS-B/dev.tsv", "fe7dc0632a5033562f3cadff991f6e8d9b9b6311861660e78c3c82eb7db67f59"),
    pin("glue/STS-B/train.tsv", "41c4d978b6162abdcada7e49a982211954cca5459c228db478af333124b257a2"),
  ]),
  glueZip("mnli", "MNLI.zip", "e7c1d896d26ed6caf700110645df426cc2d8ebf02a5ab743d5a5c68ac1c83633", 312783507, [
    pin("glue/MNLI/dev_matched.tsv", null),
    pin("glue/MNLI/dev_mismatched.tsv", null),
  ]),
  glueZip("qnli", "QNLIv2.zip", "e634e78627a29adaecd4f955359b22bf5e70f2cbd93b493f2d624138a0c0e5f5", 10627589, [
    pin("glue/QNLI/dev.tsv", "ac19409dcb04631eaaa094bdebdcf621086bc352503dfb6a1a648b614986f4fd"),
  ]),
  glueZip("rte", "RTE.zip", "6bf86de103ecd335f3441bd43574d23fef87ecc695977a63b82d5efb206556ee", 697150, [
    pin("glue/RTE/dev.tsv", "80230dfa1347282e7b532b06a1004a76a710087541189bf874223ddf0e3819fb"),
    pin("glue/RTE/train.tsv", "41e3a9b063433392343fad9e962cf2f58b681c78d8f71592f4186f0837246c5c"),
  ]),
  glueZip("wnli", "WNLI.zip", "ae0e8e4d16f4d46d4a0a566ec7ecceccfd3fbfaa4a7a4b4e02848c0f2561ac46", 28999, [
    pin("glue/WNLI/dev.tsv", "cba00490596dd14be8cf53b4f53bb744abe3a7b89f81ab210528d80225338ed5"),
    pin("glue/WNLI/train.tsv", "9a88e9d54b6861cc796a088e9acf4f5f65064a9ef65ae6fa7a688b28391e5c9a"),
  ]),
  {
    name: "ax",
    group: "glue",
    steps: [plainFile(GLUE, "glue", "AX.tsv", "glue/diagnostic/diagnostic.tsv", "0e13510b1bb14436ff7e2ee82338f0efb0133ecf2e73507a697dc210db3f05fd", 222257)],
    files: [pin("glue/diagnostic/diagnostic.tsv", "0e13510b1bb14436ff7e2ee82338f0efb0133ecf2e73507a697dc210db3f05fd")],
  },
  {
    name: "squad_v1",
    group: "squad",
    steps: [plainFile(SQUAD, "squad", "dev-v1.1.json", "squad/dev-v1.1.json", "95aa6a52d5d6a735563366753ca50492a658031da74f301ac5238b03966972c9", 4854279)],
    files: [pin("squad/dev-v1.1.json", "95aa6a52d5d6a735563366753ca50492a658031da74f301ac5238b03966972c9")],
  },
  {
    name: "squad_v2",
    group: "squad",
    steps: [plainFile(SQUAD, "squad", "dev-v2.0.json", "squad/dev-v2.0.json", "80a5225e94905956a6446d296ca1093975c4d3b3260f1d6c8f68bc2ab77182d8", 4370528)],
    files: [pin("squad/dev-v2.0.json", "80a5225e94905956a6446d296ca1093975c4d3b3260f1d6c8f68bc2ab77182d8")],
  },
];

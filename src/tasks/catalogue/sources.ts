/**
 * Where a task's data comes from, where it goes, and the bytes it must have: what
 * `glue-eval download` fetches. Each task file declares its source with these helpers.
 *
 * GLUE follows `download_glue_data.py` (nyu-mll/GLUE-baselines, jiant): one zip per task
 * from dl.fbaipublicfiles.com, extracted into `glue/`, the unlabeled diagnostic set as
 * `glue/diagnostic/diagnostic.tsv`, and MRPC rebuilt from the SentEval copies of the MSR
 * paraphrase corpus split by `dev_ids.tsv` (download/mrpc.ts). SQuAD dev sets come from the
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

export interface RemoteFile {
  /** The official location. */
  readonly url: string;
  /** Path below a mirror's base URL. */
  readonly mirrorPath: string;
  readonly sha256: string | null;
  readonly size: number | null;
}

/** A plain file saved at `target`, or an archive extracted into `extractTo` (both relative to the data dir). */
export type DownloadStep = FileStep | (RemoteFile & { readonly kind: "zip"; readonly extractTo: string });

export type FileStep = RemoteFile & { readonly kind: "file"; readonly target: string };

export interface PinnedFile {
  /** Relative to the data dir. */
  readonly path: string;
  readonly sha256: string | null;
}

/** One download: tasks that read the same files (MNLI-m and MNLI-mm) share one source. */
export interface DataSource {
  /** What `glue-eval download` calls it in its report: the first task that reads it. */
  readonly name: string;
  readonly steps: readonly DownloadStep[];
  /** What the data dir holds afterwards. */
  readonly files: readonly PinnedFile[];
  /** A step run after the downloads that builds files from them. */
  readonly derive?: "mrpc";
}

export const GLUE_URL = "https://dl.fbaipublicfiles.com/glue/data/";
export const SENTEVAL_URL = "https://dl.fbaipublicfiles.com/senteval/senteval_data/";
export const SQUAD_URL = "https://rajpurkar.github.io/SQuAD-explorer/dataset/";

export const pin = (path: string, sha256: string | null): PinnedFile => ({ path, sha256 });

/** A GLUE task archive from dl.fbaipublicfiles.com, extracted into `glue/`. */
export function glueZip(name: string, archive: string, sha256: string, size: number, files: readonly PinnedFile[]): DataSource {
  return { name, steps: [{ kind: "zip", url: `${GLUE_URL}${archive}`, mirrorPath: `glue/${archive}`, sha256, size, extractTo: "glue" }], files };
}

/** A file fetched from `base` + `file`, mirrored as `folder/file`, saved at `target`. */
export function plainFile(base: string, folder: string, file: string, target: string, sha256: string, size: number): FileStep {
  return { kind: "file", url: `${base}${file}`, mirrorPath: `${folder}/${file}`, sha256, size, target };
}

/** A source of one pinned file. */
export function singleFile(name: string, step: FileStep): DataSource {
  return { name, steps: [step], files: [pin(step.target, step.sha256)] };
}

import { readFileSync } from "node:fs";
import { zipSync } from "fflate";
import { DATA_SOURCES } from "../../src/tasks/catalogue/index.js";
import type { DataSource, DownloadStep } from "../../src/tasks/catalogue/sources.js";
import { sha256 } from "../../src/util/hash.js";
import { sharedPath } from "../shared.js";

export const sharedFile = (...parts: string[]): Buffer => readFileSync(sharedPath(...parts));

/** A GLUE-style task archive, `<TASK>/<file>` entries, from the reference copies of the files. */
export function glueZip(task: string, files: readonly string[], replace: Record<string, Uint8Array> = {}): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) entries[`${task}/${file}`] = replace[file] ?? sharedFile("data", "glue", task, file);
  return zipSync(entries, { level: 1 });
}

const lines = (text: string) => text.replace(/\n$/, "").split("\n");

/**
 * A stand-in for SentEval's msr_paraphrase_train.txt (not in the reference material): the
 * header and the dev rows interleaved with the train rows, CRLF line ends. Splitting it by
 * dev_ids.tsv must give back the reference dev.tsv byte for byte.
 */
export function msrTrainStandIn(): Buffer {
  const [header = "", ...dev] = lines(sharedFile("data", "glue", "MRPC", "dev.tsv").toString("utf8"));
  const train = lines(sharedFile("data", "glue", "MRPC", "train.tsv").toString("utf8")).slice(1);
  const rows: string[] = [];
  for (let i = 0; i < Math.max(dev.length, train.length); i++) {
    if (i < train.length) rows.push(train[i] ?? "");
    if (i < dev.length) rows.push(dev[i] ?? "");
  }
  return Buffer.from(`${[header, ...rows].join("\r\n")}\r\n`, "utf8");
}

export function msrTestStandIn(): Buffer {
  return Buffer.from("\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\r\n1\t11\t12\tA b .\tA  b . \r\n0\t13\t14\tC .\tD .\r\n", "utf8");
}

/** The catalogue's data source with the download steps' expected bytes replaced (for stand-in archives). */
export function withSteps(name: string, served: Record<string, Uint8Array>): DataSource {
  const spec = DATA_SOURCES.find((s) => s.name === name);
  if (!spec) throw new Error(`no data source ${name}`);
  const steps = spec.steps.map((step): DownloadStep => {
    const data = served[step.mirrorPath];
    return data === undefined ? step : { ...step, sha256: sha256(data), size: data.length };
  });
  return { ...spec, steps };
}

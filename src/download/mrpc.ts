/**
 * MRPC the way `download_glue_data.py` (`format_mrpc`) builds it: the SentEval copy of
 * msr_paraphrase_train.txt is split into dev.tsv (the pairs listed in dev_ids.tsv) and
 * train.tsv, and msr_paraphrase_test.txt becomes test.tsv with an index column. Python's
 * text-mode reading is reproduced byte for byte: universal newlines, the header line kept as
 * read (with its BOM), every row `strip()`ped and rewritten as five tab-separated fields.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DataError } from "../errors.js";
import { sha256 } from "../util/hash.js";
import { writeFileAtomic } from "../util/atomic.js";
import { hashMismatch } from "./errors.js";

export interface MrpcFiles {
  dev: string;
  train: string;
  test: string;
}

/** Python's str.strip() whitespace, which differs from JavaScript's trim() (no BOM, adds \x1c-\x1f and \x85). */
const PY_SPACE = "[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const PY_STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, "g");

export const pyStrip = (s: string): string => s.replace(PY_STRIP, "");

/** Lines as Python's text-mode iteration yields them: \r\n and \r read as \n, no empty tail line. */
export function pythonLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The first line as `readline()` returns it (with its newline, BOM kept) and the rows after it. */
function headerAndRows(text: string): { header: string; rows: string[] } {
  const [first = "", ...rows] = pythonLines(text);
  const hasNewline = rows.length > 0 || /[\r\n]$/.test(text);
  return { header: hasNewline ? `${first}\n` : first, rows };
}

function fields(row: string, file: string, line: number): [string, string, string, string, string] {
  const parts = pyStrip(row).split("\t");
  if (parts.length !== 5) throw new DataError({ file, line }, `expected 5 tab-separated fields, found ${parts.length}`);
  return parts as [string, string, string, string, string];
}

export function buildMrpc(trainText: string, testText: string, devIdsText: string, names: { train: string; test: string }): MrpcFiles {
  const devIds = new Set(pythonLines(devIdsText).map(pyStrip));
  const source = headerAndRows(trainText);
  let dev = source.header;
  let train = source.header;
  source.rows.forEach((row, i) => {
    const [label, id1, id2, s1, s2] = fields(row, names.train, i + 2);
    const line = `${label}\t${id1}\t${id2}\t${s1}\t${s2}\n`;
    if (devIds.has(`${id1}\t${id2}`)) dev += line;
    else train += line;
  });
  let test = "index\t#1 ID\t#2 ID\t#1 String\t#2 String\n";
  headerAndRows(testText).rows.forEach((row, i) => {
    const [, id1, id2, s1, s2] = fields(row, names.test, i + 2);
    test += `${i}\t${id1}\t${id2}\t${s1}\t${s2}\n`;
  });
  return { dev, train, test };
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

async function readText(path: string): Promise<string> {
  return decoder.decode(await readFile(path));
}

/**
 * Writes glue/MRPC/{dev,train,test}.tsv from the downloaded sources. dev.tsv is checked
 * against `devSha256` before anything is written.
 */
export async function deriveMrpc(dataDir: string, devSha256: string | null): Promise<void> {
  const dir = join(dataDir, "glue", "MRPC");
  const trainFile = join(dir, "msr_paraphrase_train.txt");
  const testFile = join(dir, "msr_paraphrase_test.txt");
  const files = buildMrpc(await readText(trainFile), await readText(testFile), await readText(join(dir, "dev_ids.tsv")), { train: trainFile, test: testFile });
  const devBytes = Buffer.from(files.dev, "utf8");
  const actual = sha256(devBytes);
  if (devSha256 !== null && actual !== devSha256) throw hashMismatch("glue/MRPC/dev.tsv (built from the SentEval files)", devSha256, actual);
  await writeFileAtomic(join(dir, "dev.tsv"), devBytes);
  await writeFileAtomic(join(dir, "train.tsv"), files.train);
  await writeFileAtomic(join(dir, "test.tsv"), files.test);
}

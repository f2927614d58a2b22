import { resolve } from "node:path";
import { downloadDatasets, type DatasetResult } from "../download/datasets.js";
import { ttyProgress } from "../download/progress.js";
import { selectDatasets } from "../download/select.js";
import { UsageError } from "../errors.js";
import { parseFlags, printedHelp } from "./args.js";
import { terminalText } from "../util/escape-terminal.js";

const HELP = `glue-eval download — fetch the GLUE and SQuAD dev sets and verify them

Usage:
  glue-eval download [--task <list>|glue|squad-all|all] [--data-dir D] [--base-url URL] [--force]

Options:
  --task      comma-separated: cola, sst2, mrpc, qqp, stsb, mnli, qnli, rte, wnli, ax,
              squad (1.1), squad_v2, or the groups glue, squad-all, all (default: all)
  --data-dir  where the files go (default: ./data): D/glue/<TASK>/..., D/squad/dev-v*.json
  --base-url  a mirror to fetch from instead of the official sites (also GLUE_EVAL_DATA_URL),
              laid out as URL/glue/<TASK>.zip (CoLA, SST-2, QQP-clean, STS-B, MNLI, QNLIv2,
              RTE, WNLI), URL/glue/AX.tsv, URL/glue/mrpc_dev_ids.tsv,
              URL/senteval/msr_paraphrase_{train,test}.txt, URL/squad/dev-v{1.1,2.0}.json
  --force     download again even when the files are present and verified

Every file is checked against the sha256 pinned in the project where one is known; a
mismatch is an error and leaves nothing behind. Interrupted downloads resume.`;

/** The flags of `glue-eval download` (the recipes in examples/ are checked against them). */
export const OPTIONS = {
  task: { type: "string" },
  "data-dir": { type: "string" },
  "base-url": { type: "string" },
  force: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, OPTIONS);
  if (printedHelp(values, HELP)) return 0;
  const baseUrl = checkBaseUrl(values["base-url"] ?? (process.env.GLUE_EVAL_DATA_URL || undefined));
  const specs = selectDatasets(values.task ?? "all");
  const dataDir = resolve(values["data-dir"] ?? "data");
  const results = await downloadDatasets(specs, {
    dataDir,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    force: values.force === true,
    progress: ttyProgress(),
    log: (line) => process.stderr.write(`${terminalText(line)}\n`),
  });
  for (const result of results) process.stdout.write(`${formatResult(result)}\n`);
  return 0;
}

function checkBaseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--base-url must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--base-url must be an http(s) URL, got "${value}"`);
  return value;
}

export function formatResult(result: DatasetResult): string {
  const state = result.status === "present" ? "already present" : "downloaded";
  const unpinned = result.unpinned.length === 0 ? "" : `; present, no pinned hash: ${result.unpinned.join(", ")}`;
  return `${result.name}: ${state}; sha256 verified: ${result.verified.join(", ") || "none"}${unpinned}`;
}

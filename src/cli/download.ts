import { resolve } from "node:path";
import { downloadDatasets, type DatasetResult } from "../download/datasets.js";
import { ttyProgress } from "../util/progress.js";
import { selectDatasets } from "../download/select.js";
import { UsageError } from "../errors.js";
import { defineCommand, parseCommand } from "./flags.js";
import { printHelp } from "./help.js";
import { mirrorLayout, taskHelp } from "./task-help.js";
import { terminalText } from "../util/escape-terminal.js";

/** The flags of `glue-eval download` (the recipes in examples/ are checked against them). */
export const COMMAND = defineCommand({
  name: "download",
  usage: "glue-eval download [options]",
  about: "Fetches the GLUE and SQuAD dev sets and verifies them.",
  flags: {
    task: {
      type: "string",
      arg: "<list>",
      default: "all",
      help: taskHelp("the tasks to fetch the data of, named as for a run:"),
    },
    "data-dir": { type: "string", arg: "<dir>", default: "data", help: "where the files go: <dir>/glue/<TASK>/..., <dir>/squad/dev-v*.json" },
    "base-url": {
      type: "string",
      arg: "<url>",
      shown: "$GLUE_EVAL_DATA_URL, else the official sites",
      help: `a mirror to fetch from instead of the official sites, the official files under their names, in ${mirrorLayout()}`,
    },
    force: { type: "boolean", help: "download again even when the files are present and verified" },
  },
  footer: `Every file is checked against the sha256 pinned in the project where one is known; a
mismatch is an error and leaves nothing behind. Interrupted downloads resume.`,
});

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommand(COMMAND, argv);
  if (parsed === null) return printHelp(COMMAND);
  const { values } = parsed;
  const baseUrl = checkBaseUrl(values["base-url"] ?? (process.env.GLUE_EVAL_DATA_URL || undefined));
  const specs = selectDatasets(values.task);
  const dataDir = resolve(values["data-dir"]);
  const results = await downloadDatasets(specs, {
    dataDir,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    force: values.force,
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

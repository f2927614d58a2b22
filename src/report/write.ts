/** Where reports go by default, and the report writers (each file written atomically). */
import { join } from "node:path";
import { sha256 } from "../util/hash.js";
import { writeFileAtomic } from "../util/atomic.js";
import { toReportJson } from "./render/json.js";
import { renderMarkdown } from "./render/markdown.js";
import type { ReportData } from "./types.js";

const MAX_NAME = 120;

/** `reports/<model names joined by "+">.md`, with characters unsafe in file names replaced. */
export function defaultReportPath(labels: readonly string[], dir = "reports"): string {
  let name = labels.map((l) => l.replace(/[^\w.+=@-]+/g, "_").replace(/^[._]+/, "")).join("+") || "report";
  if (name.length > MAX_NAME) name = `${name.slice(0, MAX_NAME - 13)}-${sha256(name).slice(0, 12)}`;
  return join(dir, `${name}.md`);
}

export async function writeMarkdownReport(path: string, data: ReportData): Promise<void> {
  await writeFileAtomic(path, renderMarkdown(data));
}

export async function writeJsonReport(path: string, data: ReportData): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(toReportJson(data), null, 2)}\n`);
}

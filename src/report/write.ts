/** Where reports go by default, and the report writers (each file written atomically). */
import { join } from "node:path";
import { GlueEvalError, ioReason } from "../errors.js";
import { writeFileAtomic } from "../util/atomic.js";
import { sha256 } from "../util/hash.js";
import { toReportJson } from "./render/json.js";
import { renderMarkdown } from "./render/markdown.js";
import type { PrecisionMatrix, ReportData } from "./report-data.js";

const MAX_NAME = 120;

/** `reports/<model names joined by "+">.md`, with characters unsafe in file names replaced. */
export function defaultReportPath(labels: readonly string[], dir = "reports"): string {
  let name = labels.map((l) => l.replace(/[^\w.+=@-]+/g, "_").replace(/^[._]+/, "")).join("+") || "report";
  if (name.length > MAX_NAME) name = `${name.slice(0, MAX_NAME - 13)}-${sha256(name).slice(0, 12)}`;
  return join(dir, `${name}.md`);
}

export async function writeMarkdownReport(path: string, data: ReportData, matrices: readonly PrecisionMatrix[] = []): Promise<void> {
  await writeOutputFile(path, renderMarkdown(data, matrices), "the report");
}

export async function writeJsonReport(path: string, data: ReportData, matrices: readonly PrecisionMatrix[] = []): Promise<void> {
  await writeOutputFile(path, `${JSON.stringify(toReportJson(data, matrices), null, 2)}\n`, "the JSON report");
}

/**
 * Writes a file the user named (--out, --json) atomically. A folder that cannot be written, a
 * file in the way or a full disk is one line naming the file, and leaves nothing behind.
 */
export async function writeOutputFile(path: string, data: string | Uint8Array, what: string): Promise<void> {
  try {
    await writeFileAtomic(path, data);
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException | null)?.code !== "string") throw error;
    throw new GlueEvalError("IO", `${path}: cannot write ${what} (${ioReason(error)})`, { cause: error });
  }
}

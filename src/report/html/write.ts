/** Writes the HTML report; imported only when asked for, so that other commands never load the charting library. */
import type { PrecisionMatrix, ReportData } from "../report-data.js";
import { writeOutputFile } from "../write.js";
import { renderHtml } from "./page.js";

export async function writeHtmlReport(path: string, data: ReportData, matrices: readonly PrecisionMatrix[] = []): Promise<void> {
  await writeOutputFile(path, renderHtml(data, matrices), "the HTML report");
}

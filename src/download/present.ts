/**
 * A step whose files are already in the data dir and verified is not fetched again: after
 * a failure half-way through a dataset (MRPC's third file, say), the rerun fetches only what
 * is missing.
 */
import { join } from "node:path";
import type { DataSource, DownloadStep } from "../tasks/catalogue/sources.js";
import { isVerified } from "./verify.js";

/** The paths the step verified, when everything it places is present and verified; null when it must run. */
export async function presentStep(spec: DataSource, step: DownloadStep, dataDir: string): Promise<string[] | null> {
  if (step.kind === "file") {
    if (!(await isVerified(join(dataDir, step.target), step.sha256))) return null;
    return step.sha256 === null ? [] : [step.target];
  }
  const members = spec.files.filter((f) => f.path.startsWith(`${step.extractTo}/`));
  // Nothing to check against: the archive must be fetched to know.
  if (members.length === 0) return null;
  for (const member of members) if (!(await isVerified(join(dataDir, member.path), member.sha256))) return null;
  return members.filter((m) => m.sha256 !== null).map((m) => m.path);
}

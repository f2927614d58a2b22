/** The worker rows as markdown: a pure renderer. */
import { mark, mib } from "../format.js";
import { isSkipped, type SkippedCase } from "../result.js";
import type { Spread } from "../stats.js";
import { NPROC_TARGETS, type NprocResult, type NprocRow, type NprocSetup } from "./types.js";

const wall = (s: Spread): string => `${s.median.toFixed(2)} s (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const memory = (bytes: number | null): string => (bytes === null ? "–" : mib(bytes));

function autoRatio(r: NprocRow, s: NprocSetup): string {
  const held = s.nproc === "auto" && r.model === NPROC_TARGETS.model && r.task === NPROC_TARGETS.task;
  return `${s.overRaw.toFixed(2)}${held ? ` ${mark(s.overRaw <= NPROC_TARGETS.autoOverRaw)} (≤${NPROC_TARGETS.autoOverRaw})` : ""}`;
}

function row(r: NprocRow): string {
  const [one, two, auto] = r.setups;
  if (one === undefined || two === undefined || auto === undefined) throw new Error(`${r.model} ${r.task}: a set-up is missing`);
  const times = r.setups.map((s) => wall(s.wall)).join(" | ");
  const ratios = r.setups.map((s) => autoRatio(r, s)).join(" | ");
  const rss = [r.rawPeakRssBytes, ...r.setups.map((s) => s.peakRssBytes)].map(memory).join(" / ");
  return `| ${r.model} | ${r.task} | ${r.n} | ${r.repetitions} | ${wall(r.raw)} | ${times} | ${auto.workers} | ${ratios} | ${two.overOne.toFixed(2)} | ${auto.overOne.toFixed(2)} | ${rss} | ${r.samePredictions ? "yes" : "**no**"} |`;
}

export function renderNproc(s: NprocResult): string[] {
  const title = "## Workers (`--nproc`): one command on every core";
  if (isSkipped(s)) return [title, "", `Not run: ${s.skipped}.`, ""];
  const rows = s.rows.filter((r): r is NprocRow => !isSkipped(r));
  const skipped = s.rows.filter((r): r is SkippedCase => isSkipped(r));
  const rules = rows.flatMap((r) => r.setups.filter((x) => x.rule !== null).map((x) => `- ${r.model} ${r.task}: ${x.rule}`));
  return [
    title,
    "",
    `Every evaluation a whole process of the CLI (\`${s.cli}\`) with \`--nproc 1\`, \`--nproc 2\` or \`--nproc auto\` and onnxruntime's threads at their default (the cores over the workers), and the raw loop (\`bench/nproc/raw-loop.ts\`: load the tokenizer and a session with a thread per core, read, tokenize, run the length-sorted batches, exit) as a process of its own; wall time from the start to the exit, median with the slowest and fastest repetition, the four taking turns at going first. Peak RSS: the sum of the peaks of every process of a set-up (glue-eval and its workers), sampled every 50 ms in one more run; raw loop / 1 / 2 / auto.`,
    "",
    "| model | task | examples | runs | raw loop | --nproc 1 | --nproc 2 | --nproc auto | auto's workers | 1 / raw | 2 / raw | auto / raw | 2 / 1 | auto / 1 | peak RSS | same predictions |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...rows.map(row),
    "",
    ...(rules.length > 0 ? ["What `auto` measured and chose:", "", ...rules, ""] : []),
    ...(skipped.length > 0 ? ["Not run:", "", ...skipped.map((r) => `- ${r.model} ${r.task}: ${r.skipped}`), ""] : []),
  ];
}

/** The overlap rows as markdown: a pure renderer. */
import { secs } from "../format.js";
import { isSkipped, type SkippedCase } from "../result.js";
import type { Spread } from "../stats.js";
import type { OverlapResult, OverlapRow } from "./types.js";

const wall = (s: Spread): string => `${secs(s.median)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;

function rows(r: OverlapRow): string[] {
  return r.timings.map(
    (t) =>
      `| ${r.model} | ${r.tasks} | ${r.n} | ${r.repetitions} | ${t.threads} | ${wall(t.off)} | ${wall(t.on)} | ${t.ratio.toFixed(2)} | ${t.auto} | ${r.samePredictions ? "yes" : "**no**"} |`,
  );
}

export function renderOverlap(s: OverlapResult): string[] {
  if (isSkipped(s)) return ["## Overlap", "", `Not run: ${s.skipped}.`, ""];
  const done = s.rows.filter((r): r is OverlapRow => !isSkipped(r));
  const skipped = s.rows.filter((r): r is SkippedCase => isSkipped(r));
  return [
    "## Overlap: the next task tokenized during this one's inference",
    "",
    `One process of the CLI (\`${s.cli}\`) per evaluation of a model on several tasks, with \`--overlap off\` (each task read and tokenized after the one before it is written) and \`--overlap on\` (the next task read and tokenized while this one infers), at 1 onnxruntime thread and at ${s.cores} (one per core). Wall time from the start to the exit, median with the fastest and slowest repetition; the set-ups take turns at going first. *auto* is what \`--overlap auto\` (the default) chooses at that thread count on these ${s.cores} cores. *same predictions*: every run's predictions files byte for byte the same.`,
    "",
    "| model | tasks | examples | runs | threads | overlap off | overlap on | on / off | auto | same predictions |",
    "|---|---|---:|---:|---:|---:|---:|---:|---|---|",
    ...done.flatMap(rows),
    "",
    ...(skipped.length > 0 ? ["Not run:", "", ...skipped.map((r) => `- ${r.model} ${r.task}: ${r.skipped}`), ""] : []),
  ];
}

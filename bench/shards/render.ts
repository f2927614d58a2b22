/** The shard rows as markdown: a pure renderer. */
import { mark, pct, secs } from "../format.js";
import { isSkipped, type SkippedCase } from "../result.js";
import type { Spread } from "../stats.js";
import { SHARD_TARGETS, type ShardResult, type ShardRow } from "./types.js";

const wall = (s: Spread): string => `${secs(s.median)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const yes = (ok: boolean): string => (ok ? "yes" : "**no**");

function row(r: ShardRow): string {
  const goal = SHARD_TARGETS.mergeTasks.includes(r.task)
    ? ` ${mark(r.mergeFraction < SHARD_TARGETS.mergeFraction)} (<${pct(SHARD_TARGETS.mergeFraction)})`
    : "";
  const same = `${yes(r.sameAsSingle.predictions)} / ${yes(r.sameAsSingle.metrics)}`;
  return `| ${r.model} | ${r.task} | ${r.n} | ${r.repetitions} | ${wall(r.single)} | ${wall(r.sharded)} | ${r.ratio.toFixed(2)} | ${wall(r.merge)} | ${pct(r.mergeFraction)}${goal} | ${same} |`;
}

export function renderShards(s: ShardResult): string[] {
  if (isSkipped(s)) return ["## Shards", "", `Not run: ${s.skipped}.`, ""];
  const rows = s.rows.filter((r): r is ShardRow => !isSkipped(r));
  const skipped = s.rows.filter((r): r is SkippedCase => isSkipped(r));
  return [
    `## Shards (${s.shards} processes × 1 thread against 1 process × ${s.singleThreads} threads)`,
    "",
    `Every evaluation a separate process of the CLI (\`${s.cli}\`): one process with \`--threads ${s.singleThreads}\`, or ${s.shards} processes with \`--shard K/${s.shards} --threads 1\` started together and then \`glue-eval merge\` on their folder. Wall time from the start to the last exit (process start, model load, data, tokenization, inference, results), median with the fastest and slowest repetition; the two set-ups take turns at going first. *sharded / single* below 1 means the shards finished sooner. The merge's share is of the sharded evaluation's wall time.`,
    "",
    `| model | task | examples | runs | 1 × ${s.singleThreads} threads | ${s.shards} shards × 1 thread | sharded / single | merge | merge / sharded | merged = one process (predictions / metrics) |`,
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ...rows.map(row),
    "",
    ...(skipped.length > 0 ? ["Not run:", "", ...skipped.map((r) => `- ${r.model} ${r.task}: ${r.skipped}`), ""] : []),
  ];
}

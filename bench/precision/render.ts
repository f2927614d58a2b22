/** The precision rows as markdown: a pure renderer. */
import { mib, num, pct, rate, size } from "../format.js";
import { isSkipped, type SkippedCase } from "../result.js";
import type { PrecisionRow, PrecisionSection } from "./types.js";

function row(n: number, r: PrecisionRow, baseline: boolean): string {
  const rss = isSkipped(r.peakRss) ? r.peakRss.skipped : mib(r.peakRss.bytes);
  const metric = r.metric.value === null ? "n/a" : r.metric.value.toFixed(4);
  return `| ${r.dtype} | ${r.file} | ${r.precision} | ${r.batchOrder} | ${size(r.fileBytes)} | ${rate(n, r.glueEval)} | ${num(r.speedRatio)}× | ${baseline ? "(baseline)" : `${r.agreement.same} of ${n} (${pct(r.agreement.share)})`} | ${metric} | ${rss} |`;
}

export function renderPrecision(p: PrecisionSection | SkippedCase): string[] {
  if (isSkipped(p)) return ["## Precisions", "", `Not run (${p.model} ${p.task}): ${p.skipped}`, ""];
  const metric = p.rows[0]?.metric.name ?? "metric";
  return [
    `## Precisions (${p.model}, ${p.task} dev, ${p.n} examples)`,
    "",
    `Each precision's graph through glue-eval's runner (\`--dtype\`), batch size ${p.batchSize}, ${p.repetitions} repetition${p.repetitions === 1 ? "" : "s"} of every precision, each repetition starting one precision further on; the speed ratio is fp32's median time over the precision's, measured in the same run (above 1: faster than fp32). The batch order is the one glue-eval chose from the graph (file order where dynamic quantization makes outputs depend on the batch). Peak RSS: VmHWM of a separate process that runs only glue-eval on the precision.`,
    "",
    `| dtype | graph | precision (read from the graph) | batch order | file size | examples/s | speed / fp32 | same prediction as fp32 | ${metric} | peak RSS |`,
    "|---|---|---|---|---:|---:|---:|---:|---:|---:|",
    ...p.rows.map((r, i) => row(p.n, r, i === 0)),
    "",
    ...(p.warnings.length > 0 ? ["Notes:", "", ...p.warnings.map((w) => `- ${w}`), ""] : []),
  ];
}

/** The large-model case as markdown: a pure renderer. */
import { gib, mark, num, secs } from "../format.js";
import { isSkipped, type SkippedCase } from "../result.js";
import type { LargeSection } from "./types.js";

export function renderLarge(l: LargeSection | SkippedCase): string[] {
  if (isSkipped(l)) return ["## Large model (--large)", "", `Not run (${l.model} ${l.task}): ${l.skipped}`, ""];
  const params = l.parameters === null ? "" : `${l.parameters.toLocaleString("en-US")} parameters; `;
  const rss = l.peakRss;
  return [
    `## Large model (--large): ${l.model}`,
    "",
    `${params}graph and weights ${gib(l.weightBytes)} (weights in ${l.dataFile}); ${l.task}, the first ${l.n} examples; ${l.threads} onnxruntime threads; one pass (not in the default run). The digests and the session run in one process, the evaluation in another; peak RSS is each process's VmHWM.`,
    "",
    "| measure | value |",
    "|---|---:|",
    `| session load (onnxruntime InferenceSession on the graph) | ${secs(l.loadSeconds)} |`,
    `| model digest, first use (every byte read and hashed) | ${secs(l.digest.firstSeconds)} (${num(l.weightBytes / 2 ** 20 / l.digest.firstSeconds)} MiB/s) |`,
    `| model digest, served from the file-digest cache | ${l.digest.cachedSeconds.toFixed(3)} s |`,
    `| glue-eval on ${l.n} ${l.task} examples (task clock) | ${num(l.glueEval.examplesPerSecond)} examples/s (${secs(l.glueEval.taskSeconds)}) |`,
    `| glue-eval, whole call (session, digest from the cache, task, results) | ${secs(l.glueEval.wholeCallSeconds)} |`,
    `| peak RSS of the evaluation | ${gib(rss.bytes)} ${mark(rss.bytes <= rss.limitBytes)} (≤ ${gib(rss.limitBytes)}: the weights + 1 GiB) |`,
    `| peak RSS of the digest-and-load process | ${gib(rss.loadBytes)} |`,
    `| weight file | ${l.weights.holding} |`,
    "",
    `Model digest: \`${l.digest.sha256}\`.`,
    "",
    `How onnxruntime holds the weights: ${l.weights.evidence}`,
    "",
  ];
}

/** Whether onnxruntime maps the weight file or copies it, read from the process's memory: pure. */
import { gib, pct } from "../format.js";
import type { FileMapping, ProcSnapshot } from "./proc.js";
import type { WeightHolding } from "./types.js";

/** A mapping this large (of the file's size) counts as the weights being mapped … */
const MAPPED_SHARE = 0.5;
/** … and anonymous memory this large as them being copied. */
const COPIED_SHARE = 0.8;

export interface HoldingInput {
  dataFile: string;
  weightBytes: number;
  afterLoad: ProcSnapshot;
  afterInference: ProcSnapshot;
  maxMapping: FileMapping;
  samples: number;
}

const describe = (when: string, s: ProcSnapshot, file: string): string =>
  `${when}: RSS ${gib(s.rssBytes)}, of which anonymous ${gib(s.anonBytes)} and file pages ${gib(s.fileBytes)}; ${s.weights.mappings} mapping(s) of ${file}, ${gib(s.weights.sizeBytes)} mapped, ${gib(s.weights.rssBytes)} of it resident.`;

export function weightHolding(x: HoldingInput): { holding: WeightHolding; evidence: string } {
  const mappedNow = x.afterInference.weights.sizeBytes >= MAPPED_SHARE * x.weightBytes;
  const mappedEver = x.maxMapping.sizeBytes > 0;
  const copied = x.afterInference.anonBytes >= COPIED_SHARE * x.weightBytes;
  const holding: WeightHolding = mappedNow ? (copied ? "mapped and copied" : "mapped") : copied ? "copied" : "unclear";
  const why: Record<WeightHolding, string> = {
    mapped: `${x.dataFile} stays mapped during inference and anonymous memory stays well under its size: onnxruntime computes on the mapped file, whose pages count as file pages of the process.`,
    "mapped and copied": `${x.dataFile} stays mapped during inference, and anonymous memory also reaches its size: onnxruntime keeps the mapping and a copy (e.g. prepacked weights).`,
    copied: `${
      mappedEver
        ? `onnxruntime mapped ${x.dataFile} while it loaded (up to ${gib(x.maxMapping.sizeBytes)} and ${x.maxMapping.mappings} mappings at once)`
        : `No mapping of ${x.dataFile} in any sample`
    }; during inference it holds the weights in its own anonymous memory (${gib(x.afterInference.anonBytes)}, about the file's size): it copies them${
      x.afterInference.weights.sizeBytes > 0
        ? `, but for ${gib(x.afterInference.weights.sizeBytes)} (${pct(x.afterInference.weights.sizeBytes / x.weightBytes)} of the file) that stays mapped, ${gib(x.afterInference.weights.rssBytes)} of it resident as file pages`
        : ""
    }.`,
    unclear: `Neither a mapping of ${x.dataFile} nor anonymous memory near its size during inference: the samples do not say how the weights are held.`,
  };
  return {
    holding,
    evidence: [
      `${x.dataFile} is ${gib(x.weightBytes)} with the graph.`,
      describe("After the session was created", x.afterLoad, x.dataFile),
      describe("After inference, session open", x.afterInference, x.dataFile),
      `Largest mapping of ${x.dataFile} in ${x.samples} samples of /proc/<pid>/maps of the two processes: ${gib(x.maxMapping.sizeBytes)}.`,
      why[holding],
    ].join(" "),
  };
}

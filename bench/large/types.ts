/** The large-model case (--large): load, digest, speed, memory, and how onnxruntime holds the weights. */
import type { RunConfig } from "../../src/runner/config.js";
import type { FileMapping, ProcSnapshot } from "./proc.js";

export type WeightHolding = "mapped" | "copied" | "mapped and copied" | "unclear";

export interface LargeSection {
  model: string;
  /** From the model's external_data_manifest.json; null when it does not say. */
  parameters: number | null;
  /** The graph and its external weights, bytes. */
  weightBytes: number;
  /** The external weight file's name. */
  dataFile: string;
  task: string;
  n: number;
  threads: number;
  /** The model digest over the graph and its weights (model/digest.ts), in a process of its own. */
  digest: { sha256: string; firstSeconds: number; cachedSeconds: number };
  /** onnxruntime InferenceSession creation on the graph, in the same process after the digests. */
  loadSeconds: number;
  /** One runEvaluation() in a fresh process, with the digest cache the first process filled. */
  glueEval: { taskSeconds: number; wholeCallSeconds: number; examplesPerSecond: number };
  /** VmHWM of the evaluating process, against the weights + LARGE_TARGETS.rssHeadroomBytes; and of the loading process. */
  peakRss: { bytes: number; limitBytes: number; loadBytes: number };
  weights: {
    holding: WeightHolding;
    /** The reasoning, with the numbers it rests on. */
    evidence: string;
    /** The loading process right after the session was created. */
    afterLoad: ProcSnapshot;
    /** The evaluating process after inference, its session still open. */
    afterInference: ProcSnapshot;
    /** The largest mapping of the weight file seen in both processes' maps while they ran (and in their own smaps snapshots). */
    maxMapping: FileMapping;
    samples: number;
  };
}

export const LARGE_TARGETS = {
  /** Peak RSS at most the weights' size plus this. */
  rssHeadroomBytes: 2 ** 30,
} as const;

/** What large/child.ts is asked to do (argv[2], JSON). */
export type LargeJob =
  | { mode: "load"; onnxPath: string; graphFile: string; cacheDir: string; threads: number; dataFile: string }
  | { mode: "evaluate"; config: RunConfig; dataFile: string };

/** What the loading child prints (one JSON line). */
export interface LoadOutput {
  sha256: string;
  firstSeconds: number;
  cachedSeconds: number;
  loadSeconds: number;
  afterLoad: ProcSnapshot;
  peakRssBytes: number;
}

/** What the evaluating child prints (one JSON line). */
export interface EvaluateOutput {
  n: number;
  taskSeconds: number;
  wholeCallSeconds: number;
  afterInference: ProcSnapshot;
  peakRssBytes: number;
}

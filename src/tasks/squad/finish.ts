/**
 * A SQuAD task from its decoded questions on: the official scores and the files run_qa.py
 * writes. A run and the merge of a run's shards both end here, so they write the same bytes.
 */
import type { GoldQuestion } from "../../metrics/squad/question.js";
import { scoreV1 } from "../../metrics/squad/v1.js";
import { scoreV2 } from "../../metrics/squad/v2.js";
import { inPieces } from "../../util/atomic.js";
import { CROSSFIT_SEED, crossfitV2 } from "../../metrics/squad/crossfit.js";
import type { CrossfitFigures, NonFiniteCount } from "../../results/schema.js";
import { noAnswerWarning } from "../degenerate.js";
import type { ShardSlice } from "../shard.js";
import type { TaskRun } from "../interface.js";
import { squadAnalysis } from "./analysis.js";
import { type DecodedQuestion, extraFiles, predictionLines } from "./outputs.js";
import { recordLines, recordsFileName } from "./records.js";

export interface SquadOutputs {
  /** Per question, in file order. */
  decoded: readonly DecodedQuestion[];
  gold: readonly GoldQuestion[];
  /** The question texts, for the predictions file; null where not known (shards written before they were recorded). */
  questions: readonly string[] | null;
  /** Windows fed to the model. */
  features: number;
  /** Questions spread over more than one window. */
  truncated: number;
  dataFile: string;
  config: TaskRun["config"];
  tokenizeSeconds: number;
  /** Questions in the whole dev set, before --limit and sharding. */
  splitExamples?: number;
}

const BEST_KEYS = ["best_exact", "best_exact_thresh", "best_f1", "best_f1_thresh"];

/**
 * Scored over every question given, or, for one shard (`slice`), not scored: the shard
 * writes its predictions and its n-best records for the merge instead of the official files.
 */
export function finishSquad(def: { name: string; version2: boolean }, out: SquadOutputs, warn: (message: string) => void, slice?: ShardSlice): TaskRun {
  const { decoded, gold } = out;
  const common = {
    split: "dev",
    n: decoded.length,
    features: out.features,
    truncated: out.truncated,
    dataFile: out.dataFile,
    labelMapping: null,
    labelMappingSource: null,
    config: out.config,
    tokenizeSeconds: out.tokenizeSeconds,
    ...(out.splitExamples === undefined ? {} : { splitExamples: out.splitExamples }),
  };
  if (slice !== undefined) {
    const records = { name: recordsFileName(def.name), data: () => inPieces(recordLines(decoded, gold)) };
    return { ...common, metrics: {}, tunedOnEval: [], predictions: predictionLines(decoded, new Map(), gold, out.questions), extraFiles: [records], slice };
  }
  const predictions = new Map(decoded.map(({ id, decoding }) => [id, decoding.prediction]));
  const scored = def.version2 ? scoreV2(gold, predictions) : scoreV1(gold, predictions);
  const nonFinite = countNonFinite(def.name, decoded, warn);
  const noAnswer = def.version2
    ? noAnswerWarning(
        def.name,
        decoded.map((q) => q.decoding.prediction),
      )
    : null;
  if (noAnswer !== null) warn(noAnswer);
  const crossfit = def.version2 ? crossfitFigures(decoded, gold, predictions) : null;
  const threshold = Number(out.config.null_score_diff_threshold ?? 0);
  return {
    ...common,
    ...(nonFinite === null ? {} : { nonFinite }),
    ...(crossfit === null ? {} : { crossfit }),
    metrics: scored.metrics,
    analysis: squadAnalysis(def.version2, decoded, gold, scored.perQuestion, threshold),
    tunedOnEval: def.version2 ? BEST_KEYS : [],
    predictions: predictionLines(decoded, scored.perQuestion, gold, out.questions),
    extraFiles: extraFiles(def.name, decoded, def.version2),
  };
}

/** The questions whose windows' logits hold NaN or ±Infinity: one warning with the count and the first, or nothing. */
function countNonFinite(task: string, decoded: readonly DecodedQuestion[], warn: (message: string) => void): NonFiniteCount | null {
  const flagged = decoded.filter((q) => q.nonFinite === true);
  const first = flagged[0];
  if (first === undefined) return null;
  warn(`${task}: ${flagged.length} of ${decoded.length} questions have a start or end logit that is NaN or ±Infinity (the first: question ${first.id})`);
  return { examples: flagged.length, first: first.id };
}

/** The threshold tuned on the null odds (what run_qa.py writes to null_odds.json for the official script's --na-prob-file). */
function crossfitFigures(decoded: readonly DecodedQuestion[], gold: readonly GoldQuestion[], predictions: ReadonlyMap<string, string>): CrossfitFigures | null {
  const naProbs = new Map(decoded.map(({ id, decoding }) => [id, decoding.nullOdds ?? 0]));
  const figures = crossfitV2(gold, predictions, naProbs, CROSSFIT_SEED);
  if (figures === null) return null;
  return {
    crossfit_exact: figures.exact,
    crossfit_f1: figures.f1,
    naProb: "null_odds",
    seed: CROSSFIT_SEED,
    halves: figures.halves,
    thresholds: figures.thresholds,
  };
}

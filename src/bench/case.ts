/**
 * One case (model × task × limit): every mode on the same session inputs, interleaved
 * repetition by repetition (raw, glue-eval, transformers.js, fixed) so drift hits all alike.
 */
import { join } from "node:path";
import type { RunConfig } from "../runner/config.js";
import { planBatches } from "../runner/batching.js";
import { argmax } from "../tasks/glue/task.js";
import { harnessConfig, readPredictions, runHarness } from "./harness.js";
import type { PreparedCase } from "./prepare.js";
import { fixedBatches, inferBatches, padFraction } from "./raw.js";
import { peakRssOfEvaluate } from "./rss.js";
import { addSamples, spread, timed, type Spread } from "./stats.js";
import { loadTextClassifier, type TextClassifier } from "./transformers-js.js";
import { type CaseReport, type ModeResult, TARGETS, WARMUP_BATCHES } from "./types.js";

export interface CaseOptions {
  runs: number;
  /** One untimed pass of every mode first, on a prefix (see WARMUP_BATCHES). */
  warmup: boolean;
  /** Scratch folder for this case's results files. */
  scratch: string;
  measureRss: boolean;
  log(message: string): void;
}

const mode = (n: number, seconds: Spread): ModeResult => ({ seconds, examplesPerSecond: n / seconds.median });

export async function benchCase(c: PreparedCase, o: CaseOptions): Promise<CaseReport> {
  const { features, session, padId, maxSeqLength, n } = c;
  const batchSize = c.harness.batchSize;
  const dynamic = planBatches(features, batchSize);
  const fixed = fixedBatches(features.length, batchSize, maxSeqLength);
  const outputDir = join(o.scratch, "glue-eval");
  // Each glue-eval run gets an empty output cache: a first run, as a user's.
  const config = (limit: number | null, tag: string): RunConfig => harnessConfig({ ...c.harness, limit }, outputDir, join(o.scratch, `cache-${tag}`));
  const classifier: TextClassifier | null = c.texts === null ? null : await loadTextClassifier(c.folder);
  const s = { tokenize: [] as number[], raw: [] as number[], task: [] as number[], whole: [] as number[], tjs: [] as number[], fixed: [] as number[] };
  let fedPadding = Number.NaN;
  let labels: string[] = [];
  try {
    if (o.warmup) {
      // The longest batches come first in the length-sorted plan, so the largest shapes get allocated.
      const prefix = Math.min(n, WARMUP_BATCHES * batchSize);
      await inferBatches(session, features, dynamic.slice(0, WARMUP_BATCHES), padId);
      await runHarness(config(prefix, "warm-up"));
      if (classifier !== null && c.texts !== null) await classifier.classify(c.texts.slice(0, prefix));
      await inferBatches(session, features, fixed.slice(0, WARMUP_BATCHES), padId);
    }
    for (let rep = 0; rep < o.runs; rep++) {
      const tokenize = await c.tokenize();
      const raw = await inferBatches(session, features, dynamic, padId);
      const harness = await runHarness(config(c.harness.limit, String(rep)));
      if (harness.result.n !== n) throw new Error(`glue-eval evaluated ${harness.result.n} examples, the bench prepared ${n}`);
      fedPadding = harness.result.timing.paddingFraction;
      // transformers.js gets every text in one call, as its documentation shows (it has no batch_size).
      const tjs = classifier === null || c.texts === null ? null : await timed(() => classifier.classify(c.texts ?? []));
      const fixedInfer = await inferBatches(session, features, fixed, padId);
      o.log(`  run ${rep + 1}/${o.runs}: tokenize ${tokenize.toFixed(3)}s raw ${raw.toFixed(3)}s glue-eval ${harness.taskSeconds.toFixed(3)}s${tjs === null ? "" : ` transformers.js ${tjs.seconds.toFixed(3)}s`} fixed ${fixedInfer.toFixed(3)}s`);
      s.tokenize.push(tokenize);
      s.raw.push(raw);
      s.task.push(harness.taskSeconds);
      s.whole.push(harness.wholeCallSeconds);
      s.fixed.push(fixedInfer);
      if (tjs !== null) {
        s.tjs.push(tjs.seconds);
        labels = tjs.value;
      }
    }
  } finally {
    await classifier?.dispose();
  }
  const rawTotal = spread(addSamples(s.raw, s.tokenize));
  const fixedTotal = spread(addSamples(s.fixed, s.tokenize));
  const glueEval = spread(s.task);
  const tjs = s.tjs.length > 0 ? spread(s.tjs) : null;
  const predicted = classifier === null ? [] : await readPredictions(outputDir, c.harness.task);
  const padding = { dynamic: padFraction(features, dynamic), fixed: padFraction(features, fixed) };
  const warnings = [...c.warnings];
  // glue-eval reports the padding of what it fed: equal only if it fed the same token rows.
  if (!(Math.abs(fedPadding - padding.dynamic) < 1e-9)) warnings.push(`glue-eval fed ${fedPadding} padding, the raw path ${padding.dynamic}: the inputs differ`);
  const peakRss = o.measureRss ? { bytes: await peakRssOfEvaluate(harnessConfig(c.harness, join(o.scratch, "rss"), join(o.scratch, "cache-rss"))), limitBytes: c.modelBytes + TARGETS.rssHeadroomBytes } : { skipped: "not measured (--no-rss)" };
  return {
    model: c.name,
    modelBytes: c.modelBytes,
    task: c.harness.task,
    n,
    features: features.length,
    batchSize,
    maxSeqLength,
    tokenize: mode(n, spread(s.tokenize)),
    raw: { ...mode(n, rawTotal), inferSeconds: spread(s.raw) },
    glueEval: { ...mode(n, glueEval), wholeCallSeconds: spread(s.whole) },
    transformersJs:
      tjs === null
        ? { skipped: c.transformersJsGap ?? "not run" }
        : { ...mode(n, tjs), agreement: agreement(labels, predicted.map((p) => labelOf(p.logits ?? [], c.id2label))), note: `pipeline("text-classification"), all ${n} texts in one call in file order, padded to the longest, its own tokenizer` },
    fixed: { ...mode(n, fixedTotal), inferSeconds: spread(s.fixed) },
    padding,
    ratios: {
      glueEvalOverRaw: glueEval.median / rawTotal.median,
      transformersJsOverGlueEval: tjs === null ? null : tjs.median / glueEval.median,
      fixedOverGlueEval: fixedTotal.median / glueEval.median,
    },
    peakRss,
    warnings,
  };
}

/** transformers.js names labels by config.json's id2label, else LABEL_i. */
const labelOf = (logits: readonly number[], id2label: string[] | null): string => {
  const i = argmax(logits);
  return id2label?.[i] ?? `LABEL_${i}`;
};

/** Share of examples where both predicted the same label (same model, same examples). */
function agreement(a: readonly string[], b: readonly string[]): number | null {
  if (a.length === 0 || a.length !== b.length) return null;
  return a.filter((x, i) => x === b[i]).length / a.length;
}

/**
 * One case (model × task × limit): every mode on the same inputs, interleaved
 * repetition by repetition (raw, glue-eval, glue-eval without cache, fixed, transformers.js),
 * each repetition starting one mode further on, so that drift and position hit all alike.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { type JsonFloat, readJsonFloat } from "../src/floats.js";
import type { ModelSession } from "../src/model/session.js";
import { type Batch, planBatches } from "../src/runner/batching.js";
import type { RunConfig } from "../src/runner/config.js";
import { argmax } from "../src/tasks/glue/task.js";
import { type HarnessRun, harnessConfig, readPredictions, runHarness } from "./harness.js";
import type { PreparedCase } from "./prepare.js";
import { fixedBatches, inferBatches, padFraction } from "./raw.js";
import { peakRssOfEvaluate } from "./rss.js";
import { settle, settled } from "./settle.js";
import { addSamples, cpuSeconds, spread, timed } from "./stats.js";
import { loadTextClassifier } from "./transformers-js.js";
import { modeResult } from "./result.js";
import { type CaseReport, SHORT_CASE, TARGETS, WARMUP_BATCHES } from "./types.js";

export interface CaseOptions {
  runs: number;
  /** Short cases repeat past `runs` (see SHORT_CASE). */
  extendShort: boolean;
  /** One untimed pass of every mode first, on a prefix (see WARMUP_BATCHES). */
  warmup: boolean;
  /** Scratch folder for this case's results files. */
  scratch: string;
  measureRss: boolean;
  log(message: string): void;
}

/**
 * Done after `runs` repetitions; a short case (`extendShort`) goes on until glue-eval's passes
 * add up to SHORT_CASE.seconds or it has run SHORT_CASE.maxFactor × `runs` times.
 */
export function enoughRepetitions(glueEvalSeconds: readonly number[], runs: number, extendShort: boolean): boolean {
  const done = glueEvalSeconds.length;
  if (done < runs) return false;
  if (!extendShort || done >= runs * SHORT_CASE.maxFactor) return true;
  return glueEvalSeconds.reduce((a, b) => a + b, 0) >= SHORT_CASE.seconds;
}

export async function benchCase(c: PreparedCase, o: CaseOptions): Promise<CaseReport> {
  const { features, padId, maxSeqLength, n } = c;
  const batchSize = c.harness.batchSize;
  const dynamic = planBatches(features, batchSize);
  const fixed = fixedBatches(features.length, batchSize, maxSeqLength);
  const outputDir = join(o.scratch, "glue-eval");
  // glue-eval runs twice: with its output cache on and empty (a user's first run), and with --no-cache.
  const config = (limit: number | null, cache: string | null): RunConfig => harnessConfig({ ...c.harness, limit }, outputDir, cache === null ? null : join(o.scratch, `cache-${cache}`));
  // The modes take turns at going first: repetition r starts at mode r (mod the number of
  // modes). Where a mode sits matters (tiny BERT, 2,000 SQuAD questions: the glue-eval run right
  // after raw took 60–90 ms longer than the one after it), so a fixed order would favour some.
  const pass = async (tag: string, limit: number | null, batches: { dynamic: Batch[]; fixed: Batch[] }, texts: string[] | null, rotation: number): Promise<Pass> => {
    const out: Partial<Pass> = { tjs: null };
    const modes: Array<() => Promise<void>> = [
      async () => {
        // The process's CPU time (every thread) during the pass: what a schedule that ran tokenization beside it would have to share the cores with.
        out.raw = await onFreshSession(c, (session) => cpuSeconds(() => inferBatches(session, features, batches.dynamic, padId)));
      },
      async () => {
        out.harness = await settled(() => runHarness(config(limit, tag)));
      },
      async () => {
        out.noCache = await settled(() => runHarness(config(limit, null)));
      },
      async () => {
        out.fixed = await onFreshSession(c, (session) => inferBatches(session, features, batches.fixed, padId));
      },
    ];
    if (texts !== null) {
      modes.push(async () => {
        out.tjs = await timeClassifier(c, texts);
      });
    }
    for (let i = 0; i < modes.length; i++) await (modes[(i + rotation) % modes.length] as () => Promise<void>)();
    const { raw, harness, noCache, fixed, tjs } = out;
    if (raw === undefined || harness === undefined || noCache === undefined || fixed === undefined || tjs === undefined) throw new Error("a bench mode did not run");
    return { raw, harness, noCache, fixed, tjs };
  };
  if (o.warmup) {
    // Compiles and allocates what the JavaScript side needs; the longest batches come first in the length-sorted plan.
    const prefix = Math.min(n, WARMUP_BATCHES * batchSize);
    await pass("warm-up", prefix, { dynamic: dynamic.slice(0, WARMUP_BATCHES), fixed: fixed.slice(0, WARMUP_BATCHES) }, c.texts?.slice(0, prefix) ?? null, 0);
  }
  const s = { tokenize: [] as number[], tokenizeCpu: [] as number[], raw: [] as number[], rawCpu: [] as number[], task: [] as number[], whole: [] as number[], noCache: [] as number[], tjs: [] as number[], fixed: [] as number[] };
  let fedPadding = Number.NaN;
  let labels: string[] = [];
  for (let rep = 0; !enoughRepetitions(s.task, o.runs, o.extendShort); rep++) {
    const { value: tokenize, cpu: tokenizeCpu } = await settled(() => cpuSeconds(c.tokenize));
    const { raw: rawPass, harness, noCache, tjs, fixed: fixedInfer } = await pass(String(rep), c.harness.limit, { dynamic, fixed }, c.texts, rep);
    const raw = rawPass.value;
    if (harness.result.n !== n) throw new Error(`glue-eval evaluated ${harness.result.n} examples, the bench prepared ${n}`);
    fedPadding = harness.result.timing.paddingFraction;
    o.log(`  run ${rep + 1}${rep < o.runs ? `/${o.runs}` : ""}: tokenize ${tokenize.toFixed(3)}s raw ${raw.toFixed(3)}s glue-eval ${harness.taskSeconds.toFixed(3)}s (no cache ${noCache.taskSeconds.toFixed(3)}s)${tjs === null ? "" : ` transformers.js ${tjs.seconds.toFixed(3)}s`} fixed ${fixedInfer.toFixed(3)}s`);
    s.tokenize.push(tokenize);
    s.tokenizeCpu.push(tokenizeCpu);
    s.raw.push(raw);
    s.rawCpu.push(rawPass.cpu);
    s.task.push(harness.taskSeconds);
    s.whole.push(harness.wholeCallSeconds);
    s.noCache.push(noCache.taskSeconds);
    s.fixed.push(fixedInfer);
    if (tjs !== null) {
      s.tjs.push(tjs.seconds);
      labels = tjs.value;
    }
  }
  const rawTotal = spread(addSamples(s.raw, s.tokenize));
  const alone = { tokenize: spread(s.tokenize), inference: spread(s.raw) };
  const limit = Math.max(alone.tokenize.median, alone.inference.median);
  const cpu = { tokenize: spread(s.tokenizeCpu).median, inference: spread(s.rawCpu).median, cores: availableParallelism() };
  const fixedTotal = spread(addSamples(s.fixed, s.tokenize));
  const glueEval = spread(s.task);
  const noCache = spread(s.noCache);
  const tjs = s.tjs.length > 0 ? spread(s.tjs) : null;
  const predicted = c.texts === null ? [] : await readPredictions(outputDir, c.harness.task);
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
    repetitions: s.task.length,
    tokenize: modeResult(n, alone.tokenize),
    inferenceAlone: modeResult(n, alone.inference),
    cpuSeconds: cpu,
    raw: { ...modeResult(n, rawTotal), inferSeconds: alone.inference },
    glueEval: { ...modeResult(n, glueEval), wholeCallSeconds: spread(s.whole) },
    glueEvalNoCache: modeResult(n, noCache),
    transformersJs:
      tjs === null
        ? { skipped: c.transformersJsGap ?? "not run" }
        : { ...modeResult(n, tjs), agreement: agreement(labels, predicted.map((p) => labelOf(p.logits ?? [], c.id2label))), note: `pipeline("text-classification"), all ${n} texts in one call in file order, padded to the longest, its own tokenizer` },
    fixed: { ...modeResult(n, fixedTotal), inferSeconds: spread(s.fixed) },
    padding,
    ratios: {
      glueEvalOverRaw: glueEval.median / rawTotal.median,
      glueEvalOverAlone: glueEval.median / limit,
      cpuBoundOverAlone: Math.max(limit, (cpu.tokenize + cpu.inference) / cpu.cores) / limit,
      glueEvalNoCacheOverRaw: noCache.median / rawTotal.median,
      transformersJsOverGlueEval: tjs === null ? null : tjs.median / glueEval.median,
      fixedOverGlueEval: fixedTotal.median / glueEval.median,
    },
    peakRss,
    warnings,
  };
}

interface Pass {
  raw: { value: number; cpu: number };
  harness: HarnessRun;
  noCache: HarnessRun;
  tjs: { seconds: number; value: string[] } | null;
  fixed: number;
}

/**
 * Every mode starts from a fresh onnxruntime session, as each runEvaluation() call does: the first
 * pass over new shapes is much slower than later ones (tiny BERT on SQuAD windows: 0.46 s, then
 * 0.17 s), so a session kept warm across repetitions is no limit for a one-pass evaluation.
 * Opening and closing stay outside the clock.
 */
async function onFreshSession<T>(c: PreparedCase, fn: (session: ModelSession) => Promise<T>): Promise<T> {
  const session = await c.openSession();
  settle();
  try {
    return await fn(session);
  } finally {
    await session.release();
  }
}

async function timeClassifier(c: PreparedCase, texts: readonly string[]): Promise<{ seconds: number; value: string[] }> {
  const classifier = await loadTextClassifier(c.folder);
  settle();
  try {
    // Every text in one call, as its documentation shows (it has no batch size option).
    return await timed(() => classifier.classify(texts));
  } finally {
    await classifier.dispose();
  }
}

/** transformers.js names labels by config.json's id2label, else LABEL_i. */
const labelOf = (logits: readonly JsonFloat[], id2label: string[] | null): string => {
  const i = argmax(logits.map((v) => readJsonFloat(v) ?? Number.NaN));
  return id2label?.[i] ?? `LABEL_${i}`;
};

/** Share of examples where both predicted the same label (same model, same examples). */
function agreement(a: readonly string[], b: readonly string[]): number | null {
  if (a.length === 0 || a.length !== b.length) return null;
  return a.filter((x, i) => x === b[i]).length / a.length;
}

/**
 * One case (model × task × limit): every mode on the same inputs, interleaved
 * repetition by repetition (raw, glue-eval, glue-eval without cache, fixed, transformers.js),
 * each repetition starting one mode further on, so that drift and position hit all alike.
 */
import { join } from "node:path";
import type { ModelSession } from "../src/model/session.js";
import { type Batch, planBatches } from "../src/runner/batching.js";
import type { RunConfig } from "../src/runner/config.js";
import { caseReport } from "./case-report.js";
import { type HarnessRun, harnessConfig, runHarness } from "./harness.js";
import type { PreparedCase } from "./prepare.js";
import { fixedBatches, inferBatches } from "./raw.js";
import { rotate } from "./result.js";
import { settle, settled } from "./settle.js";
import { cpuSeconds, timed } from "./stats.js";
import { loadTextClassifier } from "./transformers-js.js";
import { type CaseReport, SHORT_CASE, WARMUP_BATCHES } from "./types.js";

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

/** The batches of the raw path (length-sorted, dynamically padded) and of fixed padding (file order, padded to max_seq_length). */
export interface CaseBatches {
  dynamic: Batch[];
  fixed: Batch[];
}

/** What every pass of a case shares. */
export interface CasePlan extends CaseBatches {
  /** Where glue-eval writes its results; the report reads its predictions back from there. */
  outputDir: string;
  /** glue-eval on `limit` examples, with an empty output cache of its own (`cache` names it), or with --no-cache (null). */
  config(limit: number | null, cache: string | null): RunConfig;
}

/** One pass of every mode. */
export interface Pass {
  /** The raw path's inference seconds, and the process's CPU seconds (every thread) meanwhile. */
  raw: { value: number; cpu: number };
  harness: HarnessRun;
  noCache: HarnessRun;
  /** Fixed padding's inference seconds. */
  fixed: number;
  /** transformers.js's seconds and labels; null when it cannot run the task. */
  tjs: { seconds: number; value: string[] } | null;
}

/** One timed repetition: tokenization alone (seconds, CPU seconds), then a pass of every mode. */
export interface Repetition extends Pass {
  tokenize: { value: number; cpu: number };
}

export async function benchCase(c: PreparedCase, o: CaseOptions): Promise<CaseReport> {
  const plan = planCase(c, o.scratch);
  if (o.warmup) await warmUp(c, plan);
  return caseReport(c, o, plan, await repeat(c, o, plan));
}

function planCase(c: PreparedCase, scratch: string): CasePlan {
  const batchSize = c.harness.batchSize;
  const outputDir = join(scratch, "glue-eval");
  return {
    dynamic: planBatches(c.features, batchSize),
    fixed: fixedBatches(c.features.length, batchSize, c.maxSeqLength),
    outputDir,
    // glue-eval runs twice: with its output cache on and empty (a user's first run), and with --no-cache.
    config: (limit, cache) => harnessConfig({ ...c.harness, limit }, outputDir, cache === null ? null : join(scratch, `cache-${cache}`)),
  };
}

/** Compiles and allocates what the JavaScript side needs; the longest batches come first in the length-sorted plan. */
async function warmUp(c: PreparedCase, plan: CasePlan): Promise<void> {
  const prefix = Math.min(c.n, WARMUP_BATCHES * c.harness.batchSize);
  const batches = { dynamic: plan.dynamic.slice(0, WARMUP_BATCHES), fixed: plan.fixed.slice(0, WARMUP_BATCHES) };
  await runPass(c, plan, { tag: "warm-up", limit: prefix, batches, texts: c.texts?.slice(0, prefix) ?? null, rotation: 0 });
}

async function repeat(c: PreparedCase, o: CaseOptions, plan: CasePlan): Promise<Repetition[]> {
  const done: Repetition[] = [];
  while (
    !enoughRepetitions(
      done.map((r) => r.harness.taskSeconds),
      o.runs,
      o.extendShort,
    )
  ) {
    const rep = done.length;
    const tokenize = await settled(() => cpuSeconds(c.tokenize));
    const batches = { dynamic: plan.dynamic, fixed: plan.fixed };
    const pass = await runPass(c, plan, { tag: String(rep), limit: c.harness.limit, batches, texts: c.texts, rotation: rep });
    if (pass.harness.result.n !== c.n) throw new Error(`glue-eval evaluated ${pass.harness.result.n} examples, the bench prepared ${c.n}`);
    const repetition = { tokenize, ...pass };
    o.log(repetitionLine(repetition, rep, o.runs));
    done.push(repetition);
  }
  return done;
}

function repetitionLine(r: Repetition, rep: number, runs: number): string {
  const of = rep < runs ? `/${runs}` : "";
  const tjs = r.tjs === null ? "" : ` transformers.js ${r.tjs.seconds.toFixed(3)}s`;
  const glueEval = `glue-eval ${r.harness.taskSeconds.toFixed(3)}s (no cache ${r.noCache.taskSeconds.toFixed(3)}s)`;
  return `  run ${rep + 1}${of}: tokenize ${r.tokenize.value.toFixed(3)}s raw ${r.raw.value.toFixed(3)}s ${glueEval}${tjs} fixed ${r.fixed.toFixed(3)}s`;
}

interface PassInput {
  /** Names glue-eval's output cache for this pass. */
  tag: string;
  limit: number | null;
  batches: CaseBatches;
  texts: string[] | null;
  /** The mode that goes first. */
  rotation: number;
}

/**
 * The modes take turns at going first: repetition r starts at mode r (mod the number of
 * modes). Where a mode sits matters (tiny BERT, 2,000 SQuAD questions: the glue-eval run right
 * after raw took 60–90 ms longer than the one after it), so a fixed order would favour some.
 */
async function runPass(c: PreparedCase, plan: CasePlan, p: PassInput): Promise<Pass> {
  const out: Partial<Pass> = { tjs: null };
  const modes: Array<() => Promise<void>> = [
    async () => {
      // The process's CPU time (every thread) during the pass: what a schedule that ran tokenization beside it would have to share the cores with.
      out.raw = await onFreshSession(c, (session) => cpuSeconds(() => inferBatches(session, c.features, p.batches.dynamic, c.padId)));
    },
    async () => {
      out.harness = await settled(() => runHarness(plan.config(p.limit, p.tag)));
    },
    async () => {
      out.noCache = await settled(() => runHarness(plan.config(p.limit, null)));
    },
    async () => {
      out.fixed = await onFreshSession(c, (session) => inferBatches(session, c.features, p.batches.fixed, c.padId));
    },
  ];
  const texts = p.texts;
  if (texts !== null) {
    modes.push(async () => {
      out.tjs = await timeClassifier(c, texts);
    });
  }
  for (const mode of rotate(modes, p.rotation)) await mode();
  const { raw, harness, noCache, fixed, tjs } = out;
  if (raw === undefined || harness === undefined || noCache === undefined || fixed === undefined || tjs === undefined)
    throw new Error("a bench mode did not run");
  return { raw, harness, noCache, fixed, tjs };
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

/** A case's report from its repetitions: each mode's times, the ratios between them, padding, agreement and peak memory. */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { type JsonFloat, readJsonFloat } from "../src/floats.js";
import { argmax } from "../src/tasks/glue/task.js";
import type { CaseOptions, CasePlan, Repetition } from "./case.js";
import { harnessConfig, readPredictions } from "./harness.js";
import type { PreparedCase } from "./prepare.js";
import { padFraction } from "./raw.js";
import { modeResult } from "./result.js";
import { peakRssOfEvaluate } from "./rss.js";
import { addSamples, type Spread, spread } from "./stats.js";
import { type CaseReport, TARGETS } from "./types.js";

export async function caseReport(c: PreparedCase, o: CaseOptions, plan: CasePlan, reps: readonly Repetition[]): Promise<CaseReport> {
  const { n } = c;
  const t = timings(reps);
  const cpu = { tokenize: spread(reps.map((r) => r.tokenize.cpu)).median, inference: spread(reps.map((r) => r.raw.cpu)).median, cores: availableParallelism() };
  const padding = { dynamic: padFraction(c.features, plan.dynamic), fixed: padFraction(c.features, plan.fixed) };
  return {
    model: c.name,
    modelBytes: c.modelBytes,
    task: c.harness.task,
    n,
    features: c.features.length,
    batchSize: c.harness.batchSize,
    maxSeqLength: c.maxSeqLength,
    repetitions: reps.length,
    tokenize: modeResult(n, t.tokenize),
    inferenceAlone: modeResult(n, t.inference),
    cpuSeconds: cpu,
    raw: { ...modeResult(n, t.raw), inferSeconds: t.inference },
    glueEval: { ...modeResult(n, t.glueEval), wholeCallSeconds: t.wholeCall },
    glueEvalNoCache: modeResult(n, t.noCache),
    transformersJs: await transformersJs(c, plan, reps, t.transformersJs),
    fixed: { ...modeResult(n, t.fixed), inferSeconds: t.fixedInfer },
    padding,
    ratios: ratios(t, cpu),
    peakRss: await peakRss(c, o),
    warnings: inputWarnings(c, reps, padding.dynamic),
  };
}

type Timings = ReturnType<typeof timings>;

/** Each mode's seconds over the repetitions; the raw path and fixed padding with their repetition's tokenization added. */
function timings(reps: readonly Repetition[]) {
  const tokenize = reps.map((r) => r.tokenize.value);
  const raw = reps.map((r) => r.raw.value);
  const fixed = reps.map((r) => r.fixed);
  const transformersJs = reps.flatMap((r) => (r.tjs === null ? [] : [r.tjs.seconds]));
  return {
    tokenize: spread(tokenize),
    inference: spread(raw),
    raw: spread(addSamples(raw, tokenize)),
    glueEval: spread(reps.map((r) => r.harness.taskSeconds)),
    wholeCall: spread(reps.map((r) => r.harness.wholeCallSeconds)),
    noCache: spread(reps.map((r) => r.noCache.taskSeconds)),
    fixed: spread(addSamples(fixed, tokenize)),
    fixedInfer: spread(fixed),
    transformersJs: transformersJs.length > 0 ? spread(transformersJs) : null,
  };
}

function ratios(t: Timings, cpu: CaseReport["cpuSeconds"]): CaseReport["ratios"] {
  const alone = Math.max(t.tokenize.median, t.inference.median);
  return {
    glueEvalOverRaw: t.glueEval.median / t.raw.median,
    glueEvalOverAlone: t.glueEval.median / alone,
    cpuBoundOverAlone: Math.max(alone, (cpu.tokenize + cpu.inference) / cpu.cores) / alone,
    glueEvalNoCacheOverRaw: t.noCache.median / t.raw.median,
    transformersJsOverGlueEval: t.transformersJs === null ? null : t.transformersJs.median / t.glueEval.median,
    fixedOverGlueEval: t.fixed.median / t.glueEval.median,
  };
}

/** transformers.js's times, and how often its labels (last repetition) equal glue-eval's (last pass's predictions file). */
async function transformersJs(c: PreparedCase, plan: CasePlan, reps: readonly Repetition[], seconds: Spread | null): Promise<CaseReport["transformersJs"]> {
  const labels = reps.at(-1)?.tjs?.value;
  if (seconds === null || labels === undefined) return { skipped: c.transformersJsGap ?? "not run" };
  const predicted = await readPredictions(plan.outputDir, c.harness.task);
  return {
    ...modeResult(c.n, seconds),
    agreement: agreement(
      labels,
      predicted.map((p) => labelOf(p.logits ?? [], c.id2label)),
    ),
    note: `pipeline("text-classification"), all ${c.n} texts in one call in file order, padded to the longest, its own tokenizer`,
  };
}

async function peakRss(c: PreparedCase, o: CaseOptions): Promise<CaseReport["peakRss"]> {
  if (!o.measureRss) return { skipped: "not measured (--no-rss)" };
  const bytes = await peakRssOfEvaluate(harnessConfig(c.harness, join(o.scratch, "rss"), join(o.scratch, "cache-rss")));
  return { bytes, limitBytes: c.modelBytes + TARGETS.rssHeadroomBytes };
}

/** glue-eval reports the padding of what it fed: equal to the raw path's only if it fed the same token rows. */
function inputWarnings(c: PreparedCase, reps: readonly Repetition[], rawPadding: number): string[] {
  const fed = reps.at(-1)?.harness.result.timing.paddingFraction ?? Number.NaN;
  if (Math.abs(fed - rawPadding) < 1e-9) return [...c.warnings];
  return [...c.warnings, `glue-eval fed ${fed} padding, the raw path ${rawPadding}: the inputs differ`];
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

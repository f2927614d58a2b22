/** Runs a bench plan: each part in turn (throughput, precision, shards, padding, large); writes bench.md and bench.json. */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { oneLine } from "../src/errors.js";
import { onnxruntimeVersion } from "../src/model/session.js";
import { benchCase } from "./case.js";
import { benchLarge } from "./large/run.js";
import { benchOverlap } from "./overlap/run.js";
import { sharedPath } from "./paths.js";
import type { BenchPlan } from "./plan.js";
import { benchPrecisions } from "./precision/run.js";
import { type CaseSpec, prepareCase } from "./prepare.js";
import { renderBench } from "./render.js";
import type { SkippedCase } from "./result.js";
import { benchShards } from "./shards/run.js";
import { benchNproc } from "./nproc/run.js";
import { SURVEY_TASKS, paddingSurvey } from "./survey.js";
import { BENCH_SCHEMA, type BenchReport, SHORT_CASE } from "./types.js";

type Log = (m: string) => void;

/** `fn`'s result, or the case marked as not run with the reason (one line) when it throws. */
async function orSkip<T>(spec: CaseSpec, title: string, log: Log, fn: () => Promise<T>): Promise<T | SkippedCase> {
  try {
    return await fn();
  } catch (error) {
    const reason = error instanceof Error ? oneLine(error.message) : String(error);
    log(`bench: ${title} not run: ${reason}`);
    return { model: basename(spec.model), task: spec.task, skipped: reason };
  }
}

const titleOf = (spec: CaseSpec): string => `${basename(spec.model)} ${spec.task}${spec.limit === null ? "" : ` (first ${spec.limit})`}`;

async function throughput(plan: BenchPlan, scratch: string, log: Log): Promise<BenchReport["cases"]> {
  const cases: BenchReport["cases"] = [];
  for (const [i, spec] of plan.cases.entries()) {
    const title = titleOf(spec);
    log(`bench: ${title}`);
    cases.push(
      await orSkip(spec, title, log, async () => {
        const prepared = await prepareCase(spec, plan.dataDir, log);
        return benchCase(prepared, {
          runs: plan.runs,
          extendShort: !plan.smoke,
          warmup: plan.warmup,
          scratch: join(scratch, String(i)),
          measureRss: plan.measureRss,
          log,
        });
      }),
    );
  }
  return cases;
}

async function precision(plan: BenchPlan, scratch: string, log: Log): Promise<BenchReport["precision"]> {
  const p = plan.precision;
  if (p === null) return null;
  const title = `precisions, ${titleOf(p)}: ${p.dtypes.join(", ")}`;
  log(`bench: ${title}`);
  const options = { runs: plan.runs, extendShort: !plan.smoke, warmup: plan.warmup, scratch, measureRss: plan.measureRss, dataDir: plan.dataDir, log };
  return orSkip(p, title, log, () =>
    benchPrecisions({ folder: p.model, task: p.task, dtypes: p.dtypes, limit: p.limit, batchSize: p.batchSize, maxSeqLength: p.maxSeqLength }, options),
  );
}

async function large(plan: BenchPlan, scratch: string, log: Log): Promise<BenchReport["large"]> {
  const l = plan.large;
  if (l === null) return null;
  return orSkip(l, `large model, ${titleOf(l)}`, log, () => benchLarge(l, { scratch, dataDir: plan.dataDir, log }));
}

export async function runBench(plan: BenchPlan, log: Log): Promise<{ report: BenchReport; outDir: string }> {
  const started = performance.now();
  const scratch = mkdtempSync(join(tmpdir(), "glue-eval-bench-"));
  try {
    const cases = await throughput(plan, join(scratch, "throughput"), log);
    const precisionRows = await precision(plan, join(scratch, "precision"), log);
    const shards =
      plan.shards.length === 0
        ? null
        : await benchShards(plan.shards, { cli: plan.cli, runs: plan.runs, warmup: plan.warmup, scratch: join(scratch, "shards"), dataDir: plan.dataDir, log });
    const overlap =
      plan.overlap.length === 0
        ? null
        : await benchOverlap(plan.overlap, {
            cli: plan.cli,
            runs: plan.runs,
            warmup: plan.warmup,
            scratch: join(scratch, "overlap"),
            dataDir: plan.dataDir,
            log,
          });
    const nproc =
      plan.nproc.length === 0
        ? null
        : await benchNproc(plan.nproc, {
            cli: plan.cli,
            runs: plan.runs,
            warmup: plan.warmup,
            scratch: join(scratch, "nproc"),
            dataDir: plan.dataDir,
            measureRss: plan.measureRss,
            log,
          });
    const batchSize = plan.cases[0]?.batchSize ?? 32;
    if (plan.survey) log(`bench: padding of ${SURVEY_TASKS.join(", ")}`);
    const padding = plan.survey
      ? {
          batchSize,
          maxSeqLength: 128,
          rows: await paddingSurvey(sharedPath("fixtures", "models", "bert-tiny-sst2", "tokenizer.json"), plan.dataDir, batchSize, 128),
        }
      : null;
    const largeCase = await large(plan, join(scratch, "large"), log);
    const report: BenchReport = {
      schema: BENCH_SCHEMA,
      date: new Date().toISOString(),
      machine: {
        cpus: availableParallelism(),
        threads: availableParallelism(),
        node: process.version,
        onnxruntime: await onnxruntimeVersion(),
        platform: `${process.platform}-${process.arch}`,
      },
      runs: plan.runs,
      shortCase: plan.smoke ? null : { seconds: SHORT_CASE.seconds, maxRuns: SHORT_CASE.maxFactor * plan.runs },
      warmup: plan.warmup,
      cases,
      padding,
      precision: precisionRows,
      shards,
      overlap,
      nproc,
      large: largeCase,
      seconds: (performance.now() - started) / 1000,
    };
    const outDir = plan.outDir ?? mkdtempSync(join(tmpdir(), "glue-eval-bench-report-"));
    mkdirSync(outDir, { recursive: true });
    await writeFile(join(outDir, "bench.json"), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(join(outDir, "bench.md"), renderBench(report));
    return { report, outDir };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

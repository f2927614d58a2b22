/**
 * A GLUE task merged from its shards' predictions files writes what the whole run wrote: the
 * lines, the metrics and the analysis come from the same finishing step, fed the logits,
 * texts and token counts as read back.
 */
import { describe, expect, it } from "vitest";
import type { PredictionLine, TaskResult } from "../../../src/results/schema.js";
import type { GlueTaskDefinition } from "../../../src/tasks/catalogue/glue.js";
import { sst2 } from "../../../src/tasks/catalogue/sst2.js";
import { stsb } from "../../../src/tasks/catalogue/stsb.js";
import { finishGlue } from "../../../src/tasks/glue/finish.js";
import { mergeGlue } from "../../../src/tasks/glue/join-shards.js";
import type { ShardPart } from "../../../src/tasks/interface.js";
import { baseResult } from "../../factories/results.js";

const f32 = Math.fround;

/** What a run writes, then reads back from disk: one JSON line per example. */
function written(lines: Iterable<PredictionLine>): PredictionLine[] {
  return [...lines].map((line) => JSON.parse(JSON.stringify(line)) as PredictionLine);
}

function check(def: GlueTaskDefinition, logits: number[][], labels: (number | null)[], modelToTask: number[] | null) {
  const examples = labels.map((label, index) => ({ index, label, text: `sentence "${index}"`, pair: index % 2 === 0 ? null : `pair\t${index}` }));
  const lengths = labels.map((_, i) => 5 + ((i * 7) % 11));
  const mapping = modelToTask === null ? null : { modelToTask, source: "names" as const };
  const outputs = { split: "dev", dataFile: "dev.tsv", labelled: labels.every((l) => l !== null), logits, lengths, mapping, truncated: 1, tokenizeSeconds: 0 };
  const warnings: string[] = [];
  const whole = finishGlue(def, { ...outputs, examples }, (w) => warnings.push(w));
  // Two shards, as the shards write them (not scored), read back.
  const base = baseResult(def.name, { name: "m" }, 0);
  const result: TaskResult = {
    ...base,
    data: { ...base.data, file: "dev.tsv" },
    model: { ...base.model, labelMapping: whole.labelMapping, labelMappingSource: whole.labelMappingSource },
  };
  const cut = 2;
  const parts: ShardPart[] = [
    [0, cut],
    [cut, labels.length],
  ].map(([from, to]) => {
    const shardWarnings: string[] = [];
    const shard = finishGlue(
      def,
      { ...outputs, examples: examples.slice(from, to), logits: logits.slice(from, to), lengths: lengths.slice(from, to) },
      (w) => shardWarnings.push(w),
      false,
    );
    expect(shard.metrics).toEqual({});
    expect(shard.analysis).toBeUndefined();
    expect(shardWarnings).toEqual([]);
    return { dir: "s", result, predictionsFile: `s${from}.jsonl`, predictions: written(shard.predictions) };
  });
  const mergeWarnings: string[] = [];
  const merged = mergeGlue(def, { parts, warn: (w) => mergeWarnings.push(w) });
  expect(written(merged.predictions).map((l) => JSON.stringify(l))).toEqual(written(whole.predictions).map((l) => JSON.stringify(l)));
  expect(merged.metrics).toEqual(whole.metrics);
  expect(JSON.stringify(merged.analysis)).toBe(JSON.stringify(whole.analysis));
  expect(whole.analysis === undefined).toBe(!outputs.labelled);
  expect(written(whole.predictions)[1]).toMatchObject({ text: 'sentence "1"', pair: "pair\t1", tokens: 12 });
  expect(mergeWarnings).toEqual(warnings);
  return { merged, warnings };
}

describe("GLUE: merged shards equal the whole run", () => {
  it("classification, with NaN logits (written as null) and -0", () => {
    const logits = [
      [0.5, f32(0.25)],
      [Number.NaN, 1],
      [-0, 0],
      [f32(0.1), f32(-3.7)],
      [1, Number.NaN],
    ];
    check(sst2, logits, [1, 0, 0, 1, 1], [0, 1]);
  });

  it("a label order the model reverses", () => {
    check(
      sst2,
      [
        [2, 1],
        [1, 2],
        [0, 3],
        [3, 0],
      ],
      [0, 0, 1, 1],
      [1, 0],
    );
  });

  it("the label-order check, over the whole set: the merge warns as the run did", () => {
    // 40 examples, each predicted as the other label: the swapped mapping would score 100%.
    const labels = Array.from({ length: 40 }, (_, i) => i % 2);
    const logits = labels.map((gold) => (gold === 1 ? [1, 0] : [0, 1]));
    const { merged, warnings } = check(sst2, logits, labels, [0, 1]);
    expect(merged.metrics.accuracy).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^sst2: the labels look out of order: .* rerun with --label-map positive,negative$/);
  });

  it("regression, with the warning of a constant prediction made once over the whole set", () => {
    const { warnings } = check(stsb, [[2.5], [2.5], [2.5], [2.5]], [1, 2.2, 3, 4.8], null);
    expect(warnings).toEqual(["pearson is undefined: every prediction is the same value", "spearmanr is undefined: every prediction is the same value"]);
  });

  it("shards written before token counts and texts were recorded: the analysis without the length breakdown", () => {
    const lines = [
      { index: 0, prediction: "1", label: "1", logits: [0, 1] },
      { index: 1, prediction: "0", label: "1", logits: [2, 1] },
    ];
    const base = baseResult("sst2", { name: "m" }, 0);
    const result: TaskResult = { ...base, model: { ...base.model, labelMapping: ["0", "1"], labelMappingSource: "names" } };
    const merged = mergeGlue(sst2, { parts: [{ dir: "s", result, predictionsFile: "s.jsonl", predictions: lines }], warn: () => undefined });
    expect(merged.analysis?.confusion?.matrix).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(merged.analysis?.byLength).toBeUndefined();
    expect(written(merged.predictions)[0]).toEqual(lines[0]);
  });

  it("an unlabelled split: predictions only, with its warning", () => {
    const { warnings } = check(
      sst2,
      [
        [1, 0],
        [0, 1],
        [1, 2],
      ],
      [null, null, null],
      [0, 1],
    );
    expect(warnings).toEqual(["sst2: dev.tsv has no labels; predictions only"]);
  });
});

/**
 * How many outputs a model has for a GLUE task and, for classification, which task label each
 * one is. Checked before any work (runner/preflight.ts) and again when the task runs, so that
 * a model that cannot fill a task stops the run before its first task, with the real counts.
 */
import { ModelError } from "../../errors.js";
import { type LabelMapping, mapLabels } from "../../model/labels.js";
import type { GlueTaskDefinition } from "../catalogue/glue.js";
import type { ModelFacts } from "../interface.js";

/** transformers' default when config.json names no labels. */
export const HF_DEFAULT_NUM_LABELS = 2;

export interface OutputLabels {
  numLabels: number;
  mapping: LabelMapping | null;
}

/** The model's label count as config.json gives it (num_labels, else id2label, else transformers' default). */
export function configLabelCount(model: Pick<ModelFacts, "numLabels" | "id2label">): number {
  return model.numLabels ?? model.id2label?.length ?? HF_DEFAULT_NUM_LABELS;
}

/** What config.json says about the labels, in words, for error messages. */
export function describeConfigLabels(model: Pick<ModelFacts, "numLabels" | "id2label">): string {
  const count = model.numLabels ?? model.id2label?.length ?? null;
  if (count === null) return `config.json names no labels, which transformers reads as ${HF_DEFAULT_NUM_LABELS}`;
  return `config.json says ${count} label${count === 1 ? "" : "s"}${model.id2label === null ? "" : ` (${model.id2label.join(", ")})`}`;
}

/** Regression (STS-B) takes the single raw output; classification maps each output to a task label by name. Throws when the model cannot fit. */
export function outputLabels(def: GlueTaskDefinition, model: ModelFacts, labelMap: readonly string[] | null): OutputLabels {
  const count = configLabelCount(model);
  if (def.labels === null) {
    if (count !== 1) throw new ModelError(model.path, `${def.name} is a regression task and needs a model with 1 output; ${describeConfigLabels(model)}`);
    return { numLabels: 1, mapping: null };
  }
  return { numLabels: count, mapping: mapLabels(model.path, def.name, model.id2label, count, def.labels, labelMap === null ? null : [...labelMap]) };
}

/** After inference: the graph's logits per example against the labels the task expects. */
export function checkLogitsWidth(def: GlueTaskDefinition, model: ModelFacts, width: number, numLabels: number): void {
  if (width === numLabels) return;
  const expected = def.labels === null ? `${def.name} is a regression task and needs 1` : `${describeConfigLabels(model)}, and ${def.name} has ${numLabels}`;
  throw new ModelError(model.path, `the graph's logits have ${width} values per example; ${expected}`);
}

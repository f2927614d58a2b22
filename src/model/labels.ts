/**
 * Maps a model's output indices to a task's labels by NAME. Many MNLI checkpoints put
 * CONTRADICTION first; taking the raw index instead is the most-reported GLUE evaluation bug.
 */
import { ModelError } from "../errors.js";

export interface TaskLabel {
  /** Canonical name (HF datasets), e.g. "not_entailment". */
  name: string;
  /** As GLUE files and submissions write it, e.g. "not_entailment" or "0". */
  value: string;
}

export interface LabelMapping {
  /** Model output index -> task label index. */
  modelToTask: number[];
  source: "names" | "generic" | "override";
  warnings: string[];
}

const GENERIC = /^label_\d+$/;
const norm = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

function lookup(labels: readonly TaskLabel[], name: string): number {
  const n = norm(name);
  return labels.findIndex((l) => norm(l.name) === n || norm(l.value) === n);
}

export function mapLabels(
  modelPath: string,
  task: string,
  id2label: readonly string[] | null,
  numLabels: number,
  labels: readonly TaskLabel[],
  override: readonly string[] | null,
): LabelMapping {
  const names = labels.map((l) => l.name).join(", ");
  if (numLabels !== labels.length) {
    throw new ModelError(modelPath, `the model has ${numLabels} output labels but ${task} has ${labels.length} (${names})`);
  }
  if (override !== null) {
    if (override.length !== numLabels) {
      throw new ModelError(modelPath, `--label-map names ${override.length} labels, the model has ${numLabels}`);
    }
    return { modelToTask: bijection(modelPath, task, override, labels, "--label-map"), source: "override", warnings: [] };
  }
  if (id2label === null || id2label.every((name) => GENERIC.test(norm(name)))) {
    return {
      modelToTask: labels.map((_, i) => i),
      source: "generic",
      warnings: [
        `${task}: the model's labels are generic (${id2label?.join(", ") ?? "no id2label"}); assuming the dataset order ${names} (override with --label-map)`,
      ],
    };
  }
  return { modelToTask: bijection(modelPath, task, id2label, labels, "id2label"), source: "names", warnings: [] };
}

function bijection(modelPath: string, task: string, given: readonly string[], labels: readonly TaskLabel[], what: string): number[] {
  const mapping = given.map((name) => lookup(labels, name));
  const seen = new Set(mapping);
  if (mapping.includes(-1) || seen.size !== mapping.length) {
    throw new ModelError(
      modelPath,
      `${what} [${given.join(", ")}] cannot be mapped to the ${task} labels (${labels.map((l) => l.name).join(", ")}); pass --label-map with one ${task} label per model output`,
    );
  }
  return mapping;
}

import { GlueEvalError } from "../errors.js";
import { DATASET_NAMES, type DatasetName, type DatasetSpec, MANIFEST } from "./manifest.js";

const GROUPS: Readonly<Record<string, (spec: DatasetSpec) => boolean>> = {
  all: () => true,
  glue: (spec) => spec.group === "glue",
  "squad-all": (spec) => spec.group === "squad",
};

/** Spellings people use for the same dataset, after lower-casing and dropping "-", "_" and ".". */
const ALIASES: Readonly<Record<string, DatasetName>> = {
  diagnostic: "ax",
  // As in the evaluator: squad is SQuAD 1.1.
  squad: "squad_v1",
  squad1: "squad_v1",
  squadv1: "squad_v1",
  squadv11: "squad_v1",
  squad2: "squad_v2",
  squadv2: "squad_v2",
  squadv20: "squad_v2",
  mnlim: "mnli",
  mnlimm: "mnli",
  mnlimatched: "mnli",
  mnlimismatched: "mnli",
};

const squash = (name: string) => name.toLowerCase().replace(/[-_.]/g, "");

/**
 * Parses `--task`: a comma-separated list of dataset names (cola, sst2, mrpc, qqp, stsb,
 * mnli, qnli, rte, wnli, ax, squad_v1, squad_v2; the evaluator's names mnli-mm and
 * squad-all work too) and the groups glue, squad-all (both SQuAD dev sets) and all; squad alone is SQuAD 1.1, as in the evaluator. Returns manifest entries in manifest order, without duplicates.
 */
export function selectDatasets(list: string, manifest: readonly DatasetSpec[] = MANIFEST): DatasetSpec[] {
  const wanted = new Set<DatasetName>();
  for (const raw of list.split(",").map((s) => s.trim())) {
    if (raw === "") continue;
    const group = GROUPS[raw.toLowerCase()];
    if (group) {
      for (const spec of manifest.filter(group)) wanted.add(spec.name);
      continue;
    }
    wanted.add(datasetName(raw));
  }
  if (wanted.size === 0) throw new GlueEvalError("USAGE", "--task is empty", { exitCode: 2 });
  return manifest.filter((spec) => wanted.has(spec.name));
}

function datasetName(raw: string): DatasetName {
  const key = squash(raw);
  const direct = DATASET_NAMES.find((name) => squash(name) === key);
  const found = direct ?? ALIASES[key];
  if (found !== undefined) return found;
  throw new GlueEvalError("UNKNOWN_TASK", `unknown dataset "${raw}" for --task (known: ${DATASET_NAMES.join(", ")}, or glue, squad-all, all)`);
}

/**
 * The card's YAML. Python's readers of these files (huggingface_hub, PyYAML's `safe_load`) speak
 * YAML 1.1, where an unquoted `2026-01-15T10:30:00Z` is a datetime and `yes` a boolean: the
 * text is written for 1.1, which quotes every string that 1.1 would read as something else.
 */
import { isMap, isSeq, parseDocument, stringify, type Document } from "yaml";
import { DataError } from "../errors.js";
import type { EvalResultEntry, ModelIndexEntry, ModelIndexResult } from "./build.js";

const OPTIONS = { version: "1.1", lineWidth: 0 } as const;

export function evalResultsYaml(entries: readonly EvalResultEntry[]): string {
  return stringify(entries, OPTIONS);
}

/** `model-index:` and its list, ready to paste into a README's front matter. */
export function modelIndexYaml(modelIndex: readonly ModelIndexEntry[]): string {
  return stringify({ "model-index": modelIndex }, OPTIONS);
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;

/**
 * The README with `model-index` set in its front matter, everything else kept (other metadata,
 * comments, the card's text). Results already there for another dataset, config or split stay;
 * those for the ones this card covers are replaced.
 */
export function readmeWithModelIndex(readme: string | null, file: string, modelIndex: readonly ModelIndexEntry[]): string {
  const match = readme === null ? null : FRONT_MATTER.exec(readme);
  const body = readme === null ? "" : match === null ? readme : readme.slice(match[0].length);
  const doc: Document = parseDocument(match?.[1] ?? "", { version: "1.1" });
  if (doc.errors.length > 0) throw new DataError({ file, field: "front matter" }, `not valid YAML (${doc.errors[0]?.message.split("\n")[0]})`);
  if (doc.contents === null) doc.contents = doc.createNode({});
  if (!isMap(doc.contents)) throw new DataError({ file, field: "front matter" }, "must be a YAML mapping");
  const existing = doc.get("model-index");
  if (existing !== undefined && existing !== null && !isSeq(existing)) throw new DataError({ file, field: "model-index" }, "must be a list");
  const before = existing === undefined || existing === null ? [] : (existing.toJSON() as ModelIndexEntry[]);
  doc.set("model-index", doc.createNode(mergeModelIndex(before, modelIndex)));
  const front = doc.toString({ ...OPTIONS, directives: false });
  return `---\n${front}---\n${body}`;
}

const sameDataset = (a: ModelIndexResult, b: ModelIndexResult): boolean =>
  a.dataset?.type === b.dataset.type && a.dataset?.config === b.dataset.config && a.dataset?.split === b.dataset.split;

function mergeModelIndex(before: readonly ModelIndexEntry[], ours: readonly ModelIndexEntry[]): ModelIndexEntry[] {
  const out = before.map((entry) => ({ ...entry, results: Array.isArray(entry.results) ? [...entry.results] : [] }));
  for (const entry of ours) {
    const target = out.find((e) => e.name === entry.name) ?? out[0];
    if (target === undefined) {
      out.push({ name: entry.name, results: [...entry.results] });
      continue;
    }
    target.results = [...target.results.filter((r) => !entry.results.some((o) => sameDataset(r, o))), ...entry.results];
  }
  return out;
}

/** What `glue-eval download` fetches: the catalogue's sources, their hashes, and the tasks `--task` selects. */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sourceUrl } from "../../src/download/datasets.js";
import { selectDatasets } from "../../src/download/select.js";
import { GlueEvalError } from "../../src/errors.js";
import { catalogue, DATA_SOURCES, dataFile } from "../../src/tasks/catalogue/index.js";
import { resolveTaskList } from "../../src/tasks/catalogue/resolve.js";
import { sha256File } from "../../src/util/hash.js";
import { hasShared, sharedPath } from "../shared.js";

describe("the catalogue's data sources", () => {
  it("give every remote file a distinct mirror path and a well-formed hash", () => {
    const steps = DATA_SOURCES.flatMap((spec) => spec.steps);
    expect(new Set(steps.map((s) => s.mirrorPath)).size).toBe(steps.length);
    for (const hash of [...steps.map((s) => s.sha256), ...DATA_SOURCES.flatMap((s) => s.files.map((f) => f.sha256))]) {
      if (hash !== null) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("map an official URL onto a mirror", () => {
    const step = DATA_SOURCES.find((s) => s.name === "cola")?.steps[0];
    if (!step) throw new Error("no cola step");
    expect(sourceUrl(step, undefined)).toBe("https://dl.fbaipublicfiles.com/glue/data/CoLA.zip");
    expect(sourceUrl(step, "http://mirror.example/data/")).toBe("http://mirror.example/data/glue/CoLA.zip");
  });
});

describe.skipIf(!hasShared)("the pinned hashes against the reference copies", () => {
  const pinned = DATA_SOURCES.flatMap((spec) => spec.files).filter((f) => f.sha256 !== null && existsSync(sharedPath("data", f.path)));

  it("cover the reference files", () => {
    expect(pinned.length).toBeGreaterThanOrEqual(16);
  });

  it.each(pinned.map((f) => [f.path, f.sha256] as const))("%s", async (path, hash) => {
    expect(await sha256File(sharedPath("data", path))).toBe(hash);
  });
});

describe("--task selection", () => {
  const names = (list: string) => selectDatasets(list).map((s) => s.name);

  it.each([
    ["all", 12],
    // AX is not in glue, in download as in a run.
    ["glue", 9],
    ["squad", 1],
    ["squad-all", 2],
  ])("%s fetches %i downloads", (group, count) => {
    expect(names(group)).toHaveLength(count);
  });

  it.each([
    ["CoLA,RTE", ["cola", "rte"]],
    ["SST-2, sts-b", ["sst2", "stsb"]],
    ["diagnostic,squad2", ["ax", "squad_v2"]],
    ["squad_v1.1,squad_v1,SQuAD 1.1", ["squad"]],
    // One archive holds both MNLI dev sets.
    ["mnli_mismatched", ["mnli"]],
    ["mnli-mm,mnli_matched", ["mnli"]],
    ["rte,glue", ["cola", "sst2", "mrpc", "stsb", "qqp", "mnli", "qnli", "rte", "wnli"]],
    ["glue,ax", ["cola", "sst2", "mrpc", "stsb", "qqp", "mnli", "qnli", "rte", "wnli", "ax"]],
  ])("%s", (list, expected) => {
    expect(names(list)).toEqual(expected);
  });

  it.each(["glue", "squad-all", "all", "mnli-mm", "sst-2,squad_v1", "ax"])("%s fetches the dev file of every task a run of it reads", (list) => {
    const placed = selectDatasets(list).flatMap((s) => s.files.map((f) => f.path));
    for (const task of resolveTaskList(list)) expect(placed, task).toContain(dataFile(catalogue[task], "dev"));
  });

  it("rejects an unknown name as a run does: did you mean, and the valid names", () => {
    expect(() => selectDatasets("colaa")).toThrow(GlueEvalError);
    expect(() => selectDatasets("colaa")).toThrow(/unknown task "colaa" — did you mean "cola"\? \(valid: cola, sst2, .*, glue, squad-all, all\)/);
  });
});

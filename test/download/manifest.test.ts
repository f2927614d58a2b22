import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sourceUrl } from "../../src/download/datasets.js";
import { MANIFEST } from "../../src/download/manifest.js";
import { selectDatasets } from "../../src/download/select.js";
import { GlueEvalError } from "../../src/errors.js";
import { sha256File } from "../../src/util/hash.js";
import { hasShared, sharedPath } from "../shared.js";

describe("manifest", () => {
  it("gives every remote file a distinct mirror path and a well-formed hash", () => {
    const steps = MANIFEST.flatMap((spec) => spec.steps);
    expect(new Set(steps.map((s) => s.mirrorPath)).size).toBe(steps.length);
    for (const hash of [...steps.map((s) => s.sha256), ...MANIFEST.flatMap((s) => s.files.map((f) => f.sha256))]) {
      if (hash !== null) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("maps an official URL onto a mirror", () => {
    const step = MANIFEST.find((s) => s.name === "cola")?.steps[0];
    if (!step) throw new Error("no cola step");
    expect(sourceUrl(step, undefined)).toBe("https://dl.fbaipublicfiles.com/glue/data/CoLA.zip");
    expect(sourceUrl(step, "http://mirror.example/data/")).toBe("http://mirror.example/data/glue/CoLA.zip");
  });
});

describe.skipIf(!hasShared)("manifest hashes against the reference copies", () => {
  const pinned = MANIFEST.flatMap((spec) => spec.files).filter((f) => f.sha256 !== null && existsSync(sharedPath("data", f.path)));

  it("covers the reference files", () => {
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
    ["glue", 10],
    ["squad", 1],
    ["squad-all", 2],
  ])("group %s has %i datasets", (group, count) => {
    expect(names(group)).toHaveLength(count);
  });

  it.each([
    ["CoLA,RTE", ["cola", "rte"]],
    ["SST-2, sts-b", ["sst2", "stsb"]],
    ["diagnostic,squad2", ["ax", "squad_v2"]],
    ["rte,glue", ["cola", "sst2", "mrpc", "qqp", "stsb", "mnli", "qnli", "rte", "wnli", "ax"]],
  ])("%s", (list, expected) => {
    expect(names(list)).toEqual(expected);
  });

  it("rejects an unknown name and lists the known ones", () => {
    expect(() => selectDatasets("colaa")).toThrow(GlueEvalError);
    expect(() => selectDatasets("colaa")).toThrow(/unknown dataset "colaa".*cola, sst2/);
  });
});

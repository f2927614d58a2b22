/** Contract test over every task in the catalogue and the registry, and the --task parser. */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { GLUE_METRIC_KEYS } from "../../src/metrics/glue.js";
import { catalogue, definitions, GROUPS, glueDefinitions, isGlue, resolveTaskList, TASK_NAMES } from "../../src/tasks/catalogue/index.js";
import { tasks } from "../../src/tasks/index.js";
import { merges } from "../../src/tasks/join-shards.js";

describe("the task registry", () => {
  it.each(Object.entries(tasks))("%s is a well-formed task", (name, task) => {
    expect(task.name).toBe(name);
    expect(["classification", "regression", "qa"]).toContain(task.kind);
    expect(task.outputs.length).toBeGreaterThan(0);
    expect(task.title.length).toBeGreaterThan(0);
    expect(task.kind === "qa").toBe(task.outputs.some((o) => o.name === "start_logits"));
    expect(typeof task.run).toBe("function");
    // glue-eval merge reaches a task's merge through tasks/join-shards.ts, which loads nothing native.
    expect(task.merge).toBe(merges[name as keyof typeof merges]);
  });

  it("holds every task of the catalogue, in its order", () => {
    expect(Object.keys(tasks)).toEqual(Object.keys(catalogue));
  });
});

describe("the task catalogue", () => {
  it.each(glueDefinitions.map((d) => [d.name, d] as const))("%s: GLUE definition has unique label values", (_n, def) => {
    if (def.labels === null) return;
    expect(new Set(def.labels.map((l) => l.value)).size).toBe(def.labels.length);
    expect(new Set(def.labels.map((l) => l.name)).size).toBe(def.labels.length);
  });

  it.each(definitions.map((d) => [d.name, d] as const))("%s: kind, outputs, metrics and submission agree", (_n, def) => {
    const perToken = def.outputs.filter((o) => o.per === "token").length;
    if (isGlue(def)) {
      expect(def.kind === "regression").toBe(def.labels === null);
      expect(def.outputs).toEqual([{ name: "logits", per: "example" }]);
      expect(def.maxSeqLength).toBe(128);
      expect(GLUE_METRIC_KEYS[def.metrics]).toContain(def.primary);
      for (const metric of def.paper?.metrics ?? []) expect(GLUE_METRIC_KEYS[def.metrics]).toContain(metric);
      expect(def.submission?.file).toMatch(/\.tsv$/);
    } else {
      expect(def.kind).toBe("qa");
      expect(perToken).toBe(2);
      expect(def.maxSeqLength).toBe(384);
      expect(def.submission).toBeNull();
    }
  });

  it("covers every GLUE definition", () => {
    expect(glueDefinitions.map((d) => d.name).sort()).toEqual(TASK_NAMES.filter((n) => !n.startsWith("squad")).sort());
  });

  it("derives the groups: the ten GLUE dev tasks (not AX) and both SQuAD sets", () => {
    expect(GROUPS.glue).toEqual(["cola", "sst2", "mrpc", "stsb", "qqp", "mnli", "mnli-mm", "qnli", "rte", "wnli"]);
    expect(GROUPS["squad-all"]).toEqual(["squad", "squad_v2"]);
  });
});

describe("resolveTaskList", () => {
  it("expands groups and comma lists in order without repeats", () => {
    expect(resolveTaskList("sst2, glue")).toEqual(["sst2", ...(GROUPS.glue ?? []).filter((t) => t !== "sst2")]);
    expect(resolveTaskList("MNLI,mnli-mm,squad_v2")).toEqual(["mnli", "mnli-mm", "squad_v2"]);
    expect(resolveTaskList("glue")).not.toContain("ax");
  });

  it.each([
    ["mnlii", /did you mean "mnli"/],
    ["sst-2", /did you mean "sst2"/],
    ["squad2", /did you mean "squad" or "squad_v2"/],
    ["xyzzy", /unknown task "xyzzy" \(valid: cola, sst2/],
  ])("suggests names for %s", (name, message) => {
    expect(() => resolveTaskList(name)).toThrow(UsageError);
    expect(() => resolveTaskList(name)).toThrow(message);
  });
});

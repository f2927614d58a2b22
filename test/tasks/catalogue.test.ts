/** Contract test over every task in the catalogue and the registry, and the --task parser. */
import { describe, expect, it } from "vitest";
import { DataError, GlueEvalError, UsageError } from "../../src/errors.js";
import { GLUE_METRIC_KEYS } from "../../src/metrics/glue.js";
import { BENCHMARKS } from "../../src/tasks/catalogue/benchmarks.js";
import { catalogue, DATA_SOURCES, dataFile, definitions, GROUPS, glueDefinitions, TASK_NAMES } from "../../src/tasks/catalogue/index.js";
import { nameKey, resolveTask, resolveTaskList } from "../../src/tasks/catalogue/resolve.js";
import { parseLabel } from "../../src/tasks/glue/read.js";
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
  const where = { file: "dev.tsv", line: 2, field: "label" };
  const classification = glueDefinitions.filter((d) => d.kind === "classification");
  const regression = glueDefinitions.filter((d) => d.kind === "regression");

  it.each(classification.map((d) => [d.name, d] as const))("%s: each label value reads back as its own index, others are refused", (_n, def) => {
    const labels = def.labels ?? [];
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(new Set(labels.map((l) => l.value)).size).toBe(labels.length);
    expect(new Set(labels.map((l) => l.name)).size).toBe(labels.length);
    for (const [i, label] of labels.entries()) expect(parseLabel(def, ` ${label.value} `, where)).toBe(i);
    expect(() => parseLabel(def, "maybe", where)).toThrow(/dev.tsv:2 \(field "label"\): unknown label "maybe" \(expected one of/);
  });

  it("STS-B is the one regression task: a score is read as its number, without labels", () => {
    expect(regression.map((d) => d.name)).toEqual(["stsb"]);
    const [stsb] = regression;
    if (stsb === undefined) throw new Error("no regression task");
    expect(stsb.labels).toBeNull();
    expect(stsb.metrics).toBe("pearson_spearman");
    expect(parseLabel(stsb, "3.800", where)).toBe(3.8);
    expect(parseLabel(stsb, " 0 ", where)).toBe(0);
    expect(parseLabel(stsb, "5.000", where)).toBe(5);
    for (const bad of ["", "high", "NaN", "Infinity"]) expect(() => parseLabel(stsb, bad, where), bad).toThrow(DataError);
  });

  it.each(definitions.map((d) => [d.name, d] as const))("%s: kind, outputs, metrics and submission agree", (_n, def) => {
    const perToken = def.outputs.filter((o) => o.per === "token").length;
    if (def.format === "tsv") {
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

  it.each(definitions.map((d) => [d.name, d] as const))("%s: its download places the file it reads", (_n, def) => {
    expect(def.data.files.map((f) => f.path)).toContain(dataFile(def, "dev"));
    expect(DATA_SOURCES).toContain(def.data);
  });

  it("names each download once: tasks that share one share the object", () => {
    expect(new Set(DATA_SOURCES.map((s) => s.name)).size).toBe(DATA_SOURCES.length);
    expect(catalogue["mnli-mm"].data).toBe(catalogue.mnli.data);
  });

  it("puts the GLUE benchmark's tasks, and only those, in the leaderboard's list", () => {
    expect(glueDefinitions.map((d) => d.name)).toEqual(TASK_NAMES.filter((n) => catalogue[n].benchmark === "glue"));
    expect(TASK_NAMES.filter((n) => catalogue[n].benchmark === "squad")).toEqual(["squad", "squad_v2"]);
  });

  it("derives the groups: the ten GLUE dev tasks (not AX), both SQuAD sets, and all", () => {
    expect(GROUPS.glue).toEqual(["cola", "sst2", "mrpc", "stsb", "qqp", "mnli", "mnli-mm", "qnli", "rte", "wnli"]);
    expect(GROUPS["squad-all"]).toEqual(["squad", "squad_v2"]);
    expect(GROUPS.all).toEqual(TASK_NAMES);
    expect(Object.keys(GROUPS)).toEqual([...Object.values(BENCHMARKS).map((b) => b.group), "all"]);
  });

  it("gives every spelling (name, title, alias) one meaning, and no task a group's name", () => {
    const owner = new Map<string, string>(Object.keys(GROUPS).map((g) => [nameKey(g), g]));
    for (const name of TASK_NAMES) {
      for (const spelling of [name, catalogue[name].title, ...catalogue[name].aliases]) {
        const key = nameKey(spelling);
        expect(owner.get(key) ?? name, `${spelling} of ${name}`).toBe(name);
        owner.set(key, name);
        expect(resolveTaskList(spelling), spelling).toEqual([name]);
      }
    }
  });
});

describe("resolveTaskList", () => {
  it("expands groups and comma lists in order without repeats", () => {
    expect(resolveTaskList("sst2, glue")).toEqual(["sst2", ...(GROUPS.glue ?? []).filter((t) => t !== "sst2")]);
    expect(resolveTaskList("MNLI,mnli-mm,squad_v2")).toEqual(["mnli", "mnli-mm", "squad_v2"]);
    expect(resolveTaskList("glue")).not.toContain("ax");
    expect(resolveTaskList("glue,ax")).toContain("ax");
  });

  it.each([
    ["mnli_matched", ["mnli"]],
    ["mnli_mismatched", ["mnli-mm"]],
    ["MNLI-m,MNLI-mm", ["mnli", "mnli-mm"]],
    ["sst-2,sts-b,SST_2", ["sst2", "stsb"]],
    ["CoLA", ["cola"]],
    ["qnli", ["qnli"]],
    ["squad_v1,squad_v1.1,SQuAD 1.1", ["squad"]],
    ["squad_v2,squad2,squad_v2.0", ["squad_v2"]],
    ["diagnostic", ["ax"]],
    ["Squad-All", ["squad", "squad_v2"]],
  ])("takes the alias %s", (spec, expected) => {
    expect(resolveTaskList(spec)).toEqual(expected);
  });

  it.each([
    ["mnlii", /unknown task "mnlii" — did you mean "mnli"\? \(/],
    ["sst3", /did you mean "sst2"\?/],
    ["squad3", /did you mean "squad" or "squad_v2"\?/],
    ["gleu", /did you mean "glue"\?/],
    ["xyzzy", /^unknown task "xyzzy" \(valid: cola, sst2, .*, squad_v2, glue, squad-all, all\)$/],
  ])("suggests names for %s", (name, message) => {
    const error = (() => {
      try {
        resolveTaskList(name);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(GlueEvalError);
    expect((error as GlueEvalError).code).toBe("UNKNOWN_TASK");
    expect((error as GlueEvalError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
  });

  it("refuses an empty list", () => {
    expect(() => resolveTaskList(" , ")).toThrow(UsageError);
  });
});

describe("resolveTask", () => {
  it("takes one task by any spelling and refuses a group", () => {
    expect(resolveTask("STS-B")).toBe("stsb");
    expect(resolveTask("squad_v1.1")).toBe("squad");
    expect(() => resolveTask("glue")).toThrow(/--task takes one task, and glue is a group \(cola, sst2/);
    expect(() => resolveTask("mnlii")).toThrow(/did you mean "mnli"/);
  });
});

/** Contract test over every registered task, and the --task parser. */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { GROUPS, glueDefinitions, resolveTaskList, tasks } from "../../src/tasks/catalogue/index.js";

describe("the task registry", () => {
  it.each(Object.entries(tasks))("%s is a well-formed task", (name, task) => {
    expect(task.name).toBe(name);
    expect(["classification", "regression", "qa"]).toContain(task.kind);
    expect(task.outputs.length).toBeGreaterThan(0);
    expect(task.description.length).toBeGreaterThan(0);
    expect(task.kind === "qa").toBe(task.outputs.includes("start_logits"));
  });

  it.each(glueDefinitions.map((d) => [d.name, d] as const))("%s: GLUE definition has unique label values", (_n, def) => {
    if (def.labels === null) return;
    expect(new Set(def.labels.map((l) => l.value)).size).toBe(def.labels.length);
    expect(new Set(def.labels.map((l) => l.name)).size).toBe(def.labels.length);
  });

  it("covers every GLUE definition", () => {
    expect(glueDefinitions.map((d) => d.name).sort()).toEqual(Object.keys(tasks).filter((n) => !n.startsWith("squad")).sort());
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

/** The help texts name what the task catalogue holds (the text is written by hand; this keeps it in step). */
import { describe, expect, it } from "vitest";
import { GROUPS, TASK_NAMES } from "../../src/tasks/catalogue/index.js";
import { runCaptured } from "../factories/cli.js";

describe("help", () => {
  it("run --help names every task, and the glue group", async () => {
    const { code, stdout } = await runCaptured(["run", "--help"]);
    expect(code).toBe(0);
    const words = new Set(stdout.split(/[\s,;:]+/));
    for (const name of [...TASK_NAMES, "glue"]) expect(words, name).toContain(name);
    expect(Object.keys(GROUPS)).toContain("glue");
  });
});

/**
 * Every file is flushed to the disk before it is renamed to its final name, and the folder
 * after. Before, results and cache files were renamed into place unflushed, so a power cut
 * could leave an empty file under a final name. The file system calls are recorded here (the
 * real ones still run) and their order checked.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { glueTask, randomLabels } from "../factories/results.js";

const events: string[] = [];

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const open: typeof actual.open = async (path, flags, mode) => {
    const handle = await actual.open(path, flags, mode);
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      await sync();
      events.push(`sync ${resolve(String(path))}`);
    };
    return handle;
  };
  const rename: typeof actual.rename = async (from, to) => {
    await actual.rename(from, to);
    events.push(`rename ${resolve(String(from))} ${resolve(String(to))}`);
  };
  return { ...actual, default: { ...actual, open, rename }, open, rename };
});

/** Follows renames: a file counts as flushed when its content was flushed under any earlier name. */
function checkOrder(dir: string): void {
  const flushed = new Set<string>();
  let lastRename = -1;
  events.forEach((event, i) => {
    const [kind, from = "", to = ""] = event.split(" ");
    if (kind === "sync") flushed.add(from);
    else {
      expect(flushed.has(from), `${from} renamed before it was flushed`).toBe(true);
      flushed.add(to);
      if (to.startsWith(`${dir}/`) && !to.slice(dir.length + 1).includes("/")) lastRename = i;
    }
  });
  expect(events.slice(lastRename + 1)).toContain(`sync ${dir}`);
}

describe("flushed before renamed", () => {
  let dir: string;
  beforeAll(async () => {
    dir = resolve(await mkdtemp(join(tmpdir(), "glue-eval-durable-")));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("a task's results set: each file, the staging folder, then the results folder", async () => {
    const { writeTaskOutputs } = await import("../../src/results/write.js");
    events.length = 0;
    const built = glueTask({ task: "sst2", model: { name: "m" }, gold: null, pred: randomLabels(10, ["0", "1"], 1), split: "test" });
    await writeTaskOutputs(dir, built.result, built.predictions, [{ name: "sst2.extra.json", data: "{}" }]);
    const renamedIn = events.filter((e) => e.startsWith("rename ") && e.endsWith(` ${dir}/sst2.json`));
    expect(renamedIn).toHaveLength(1);
    expect(events.filter((e) => /^sync .*\.staging-/.test(e) && !e.includes(".json") && !e.includes(".jsonl"))).toHaveLength(1);
    checkOrder(dir);
  });

  it("a single file written atomically (reports, downloads, hub refs)", async () => {
    const { writeFileAtomic } = await import("../../src/util/atomic.js");
    events.length = 0;
    await writeFileAtomic(join(dir, "one.bin"), new Uint8Array([1, 2, 3]));
    expect(events[0]).toMatch(/^sync .*\.one\.bin\..*\.tmp$/);
    checkOrder(dir);
  });
});

/** The CLI probe and the timed processes, on small scripts standing in for the CLI. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mergeMissing, wallSeconds } from "../../bench/spawn.js";

const dir = mkdtempSync(join(tmpdir(), "glue-eval-bench-spawn-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}

// As the CLI without merge: "merge" is taken for an unexpected argument of the run command (exit 2).
const older = script("older.mjs", "process.stderr.write(\"glue-eval: error: Unexpected argument 'merge'\\n\"); process.exit(2);\n");
const newer = script("newer.mjs", 'if (process.argv[2] === "merge" && process.argv[3] === "--help") process.exit(0); process.exit(3);\n');
// Marks its start, then waits until `count` processes have started: run one after another, the first would give up.
const meeting = script(
  "meet.mjs",
  `import { readdirSync, writeFileSync } from "node:fs";
const [room, id, count] = process.argv.slice(2);
writeFileSync(room + "/" + id, "");
const started = Date.now();
const wait = () => {
  if (readdirSync(room).length >= Number(count)) process.exit(0);
  if (Date.now() - started > 20000) process.exit(1);
  setTimeout(wait, 20);
};
wait();
`,
);
const failing = script("fail.mjs", 'process.stderr.write("first\\nglue-eval: error: shard 1/2 is missing\\n"); process.exit(1);\n');

describe("mergeMissing", () => {
  it("is null when `merge --help` exits 0", () => {
    expect(mergeMissing(newer)).toBeNull();
  });

  it("says why when the CLI has no merge command, or is not there", () => {
    expect(mergeMissing(older)).toMatch(/has no merge command \(`merge --help` exited 2: glue-eval: error: Unexpected argument 'merge'\)/);
    expect(mergeMissing(join(dir, "absent.js"))).toMatch(/absent\.js is missing/);
  });
});

describe("wallSeconds", () => {
  it("starts the commands together and waits for the last", async () => {
    const room = mkdtempSync(join(dir, "room-"));
    const seconds = await wallSeconds(
      meeting,
      [0, 1, 2].map((id) => [room, String(id), "3"]),
    );
    expect(seconds).toBeGreaterThan(0);
  }, 30_000);

  it("fails with the command's last stderr line when one exits non-zero", async () => {
    await expect(wallSeconds(failing, [["x"]])).rejects.toThrow(/fail\.mjs x exited 1: glue-eval: error: shard 1\/2 is missing$/);
  });
});

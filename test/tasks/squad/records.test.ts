/** A SQuAD shard's n-best records read back bit for bit: what the merge writes depends on every number. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataError } from "../../../src/errors.js";
import type { NBestEntry } from "../../../src/tasks/squad/decode.js";
import { readRecords, recordLines } from "../../../src/tasks/squad/records.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-records-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const entry = (text: string, startLogit: number, endLogit: number, probability: number, placeholder = false): NBestEntry => ({
  text,
  startLogit,
  endLogit,
  probability,
  placeholder,
});

describe("n-best records", () => {
  it("round-trip every number, -0, NaN and the infinities included, and the placeholder flag", async () => {
    const decoded = [
      {
        id: "q1",
        decoding: {
          prediction: "Normans",
          nullOdds: -0,
          nbest: [entry("Normans", 1.5, Math.fround(0.1), 0.6000000000000001), entry('the "Normans"\n', -0, Number.NEGATIVE_INFINITY, 0.4)],
        },
      },
      { id: "q2", decoding: { prediction: "", nullOdds: Number.NaN, nbest: [entry("empty", 0, 0, 1, true)] } },
      { id: "q3", decoding: { prediction: "x", nullOdds: null, nbest: [entry("NaN", Number.POSITIVE_INFINITY, 1e-7, 5e-324)] } },
    ];
    const gold = [
      { id: "q1", answers: ["Normans", "the Normans"] },
      { id: "q2", answers: [] },
      { id: "q3", answers: ["x"] },
    ];
    const file = join(tmp, "squad.nbest.jsonl");
    writeFileSync(file, [...recordLines(decoded, gold)].join(""));
    const records = await readRecords(file, 3);
    expect(records.map((r) => r.id)).toEqual(["q1", "q2", "q3"]);
    expect(records.map((r) => r.answers)).toEqual(gold.map((g) => g.answers));
    expect(Object.is(records[0]?.nullOdds, -0)).toBe(true);
    expect(records[1]?.nullOdds).toBeNaN();
    expect(records[2]?.nullOdds).toBeNull();
    expect(records.map((r) => r.nbest)).toEqual(decoded.map((d) => d.decoding.nbest));
    expect(Object.is(records[0]?.nbest[1]?.startLogit, -0)).toBe(true);
    expect(records[2]?.nbest[0]?.text).toBe("NaN");
  });

  it("refuses a file that does not hold the shard's questions, naming it", async () => {
    const file = join(tmp, "short.nbest.jsonl");
    writeFileSync(file, '{"id":"q1","answers":[],"nullOdds":null,"nbest":[]}\n');
    await expect(readRecords(file, 2)).rejects.toThrow(/short\.nbest\.jsonl: holds 1 questions, the shard's predictions 2/);
    writeFileSync(file, '{"id":"q1","answers":[],"nullOdds":null,"nbest":[["a",1,2]]}\n');
    await expect(readRecords(file, 1)).rejects.toThrow(DataError);
    // Checked against the records' schema: the first bad field is named.
    writeFileSync(file, '{"id":"q1","answers":[],"nullOdds":null,"nbest":[["a",1,"x",0.5,0]]}\n');
    await expect(readRecords(file, 1)).rejects.toThrow(`${file}:1 (field "nbest[0][2]"): must be a number or "NaN" or "Infinity" or "-Infinity", not "x"`);
    await expect(readRecords(join(tmp, "absent.jsonl"), 1)).rejects.toThrow(/absent\.jsonl: cannot read the shard's n-best records \(ENOENT\)/);
  });
});

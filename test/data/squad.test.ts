import { describe, expect, it } from "vitest";
import { parseJsonFile, parseSquad, requireAnswers } from "../../src/data/squad.js";
import { DataError } from "../../src/errors.js";

const FILE = "dev-v2.0.json";

function squadJson(qas: unknown[], context = "The Normans were in Normandy. 😀 Rollo led them."): unknown {
  return { version: "v2.0", data: [{ title: "Normans", paragraphs: [{ context, qas }] }] };
}

function failure(run: () => unknown): DataError {
  try {
    run();
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error("expected a DataError");
}

describe("parseSquad", () => {
  it("returns questions in file order with answers in code points", () => {
    const json = squadJson([
      { id: "a", question: " Who led them?", answers: [{ text: "Rollo", answer_start: 32 }] },
      { id: "b", question: "Who led the Danes?", answers: [], is_impossible: true, plausible_answers: [{ text: "Rollo", answer_start: 32 }] },
    ]);
    const data = parseSquad(FILE, json);
    expect(data.version).toBe("v2.0");
    expect(data.examples.map((e) => [e.id, e.isImpossible, e.answers.texts, e.answers.starts, e.path])).toEqual([
      ["a", false, ["Rollo"], [32], "data[0].paragraphs[0].qas[0]"],
      ["b", true, [], [], "data[0].paragraphs[0].qas[1]"],
    ]);
    expect(data.examples[0]?.question).toBe(" Who led them?");
  });

  it.each([
    ["missing data", { version: "1.1" }, /field "data"\): missing: not a SQuAD file/],
    [
      "a question without answers",
      squadJson([{ id: "q", question: "Who?" }]),
      /field "data\[0\]\.paragraphs\[0\]\.qas\[0\]\.answers"\): question has no answers list/,
    ],
    [
      "an answer_start past the context",
      squadJson([{ id: "q", question: "Who?", answers: [{ text: "Rollo", answer_start: 45 }] }]),
      /qas\[0\]\.answers\[0\]\.answer_start"\): answer_start 45 puts the answer outside its context \(47 characters\)/,
    ],
    ["a negative answer_start", squadJson([{ id: "q", question: "Who?", answers: [{ text: "R", answer_start: -1 }] }]), /answer_start -1/],
    ["a non-string question", squadJson([{ id: "q", question: 3, answers: [] }]), /qas\[0\]\.question"\): expected a string/],
    [
      "a duplicate id",
      squadJson([
        { id: "q", question: "A?", answers: [] },
        { id: "q", question: "B?", answers: [] },
      ]),
      /qas\[1\]\.id"\): duplicate question id q/,
    ],
  ])("rejects %s, naming the file and the JSON path", (_title, json, message) => {
    const error = failure(() => parseSquad(FILE, json));
    expect(error.message).toMatch(new RegExp(`^${FILE}`));
    expect(error.message).toMatch(message);
  });

  it("rejects truncated JSON", () => {
    const error = failure(() => parseJsonFile(FILE, '{"data": [{"title": "Normans", "paragraphs": ['));
    expect(error.message).toMatch(/dev-v2\.0\.json.*not valid JSON.*truncated/);
  });

  it("names the line of a syntax error when V8 gives its position", () => {
    const error = failure(() => parseJsonFile(FILE, '{\n"version": "1.1"\n"data": []}'));
    expect(error.location.line).toBe(3);
    expect(error.message).not.toMatch(/\n/);
  });

  it("requires gold answers for SQuAD v1.1 scoring", () => {
    const data = parseSquad(FILE, squadJson([{ id: "q", question: "Who?", answers: [] }]));
    expect(() => requireAnswers(data)).toThrow(/question q has no gold answer/);
  });
});

import { describe, expect, it } from "vitest";
import { DataError, UsageError } from "../../../src/errors.js";
import { buildWindows } from "../../../src/tasks/squad/windows.js";
import { hasShared } from "../../shared.js";
import { example, modelTokenizer } from "./helpers.js";

// The Rust tokenizer aborts the whole process on a stride that is not below the room left
// for the context; these cases must come back as errors that name the question.
const longContext = Array.from({ length: 200 }, (_, i) => `word${i % 7} is here.`).join(" ");
const shortQuestion = "What is here?";
const longQuestion = Array.from({ length: 60 }, () => "why").join(" ");

describe.skipIf(!hasShared)("window guards", () => {
  it("refuses a stride at or above the room for the context, naming the question", async () => {
    const tokenizer = await modelTokenizer("bert-tiny-squad");
    const examples = [example("ok-1", shortQuestion, longContext), example("q-long", longQuestion, longContext), example("ok-2", shortQuestion, longContext)];
    const started = performance.now();
    // 70 - 3 special - 60 question tokens leaves 7 context tokens: stride 8 cannot be honoured.
    const error = await buildWindows(examples, tokenizer, { maxSeqLength: 70, docStride: 8, file: "dev.json" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/--doc-stride 8 .*question q-long/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("refuses a question that leaves no room for the context, naming it and its JSON path", async () => {
    const tokenizer = await modelTokenizer("bert-tiny-squad");
    const error = await buildWindows([example("q-long", longQuestion, longContext)], tokenizer, { maxSeqLength: 50, docStride: 0, file: "dev.json" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/dev\.json.*qas\[q-long\]\.question.*question q-long has 60 tokens/);
  });

  it("refuses a stride the tokenizer itself would reject, before building it", async () => {
    const tokenizer = await modelTokenizer("bert-tiny-squad");
    const examples = Array.from({ length: 50 }, (_, i) => example(`q${i}`, shortQuestion, longContext));
    const error = await buildWindows(examples, tokenizer, { maxSeqLength: 128, docStride: 128, file: "dev.json" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/--doc-stride 128 is too large for --max-seq-length 128: the tokenizer allows at most 126/);
  });

  it("refuses, per question, a stride that passes the tokenizer's own check", async () => {
    const tokenizer = await modelTokenizer("bert-tiny-squad");
    const examples = Array.from({ length: 50 }, (_, i) => example(`q${i}`, shortQuestion, longContext));
    // 128 - 3 special - 4 question tokens leaves 121: stride 121 is below 126 but not below the room.
    const error = await buildWindows(examples, tokenizer, { maxSeqLength: 128, docStride: 121, file: "dev.json" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/--doc-stride 121 must be less than the 121 context tokens that fit beside question q0/);
  });

  it("accepts a stride above the room when the context fits in one window, as the tokenizer does", async () => {
    const tokenizer = await modelTokenizer("bert-tiny-squad");
    // 16 - 3 special - 4 question tokens leaves 9: stride 12 is not below it, but the 4 context tokens fit.
    const windows = await buildWindows([example("short", shortQuestion, "It is here.")], tokenizer, { maxSeqLength: 16, docStride: 12, file: "dev.json" });
    expect(windows).toHaveLength(1);
  });
});

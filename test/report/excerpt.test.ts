import { describe, expect, it } from "vitest";
import { inputText, oneLine } from "../../src/report/excerpt.js";

describe("an example's input on one line", () => {
  it.each([
    ["short text as it is", "a fine film", 20, "a fine film"],
    ["line breaks, tabs and runs of spaces as one space", "two\r\nlines\tand  more ", 40, "two lines and more"],
    ["terminal escapes and other control characters as a space", "red\u001b[31m text\u0007\u0085end", 40, "red [31m text end"],
    ["cut with an ellipsis inside the width", "one two three four", 10, "one two t…"],
    ["no space left before the ellipsis", "one two three four", 9, "one two…"],
    ["counted in code points, so a surrogate pair is never split", "😀😀😀😀", 3, "😀😀…"],
  ])("%s", (_title, text, width, expected) => {
    const line = oneLine(text, width);
    expect(line).toBe(expected);
    expect([...line].length).toBeLessThanOrEqual(width);
  });

  it("joins a pair's sentences, and has no text for lines written before it was recorded", () => {
    expect(inputText({ index: 0, prediction: "1", text: "first", pair: "second" })).toBe("first ‖ second");
    expect(inputText({ index: "q", prediction: "", text: "Why?" })).toBe("Why?");
    expect(inputText({ index: 0, prediction: "1" })).toBeNull();
  });
});

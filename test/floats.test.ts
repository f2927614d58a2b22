/** Numbers JSON cannot hold, as the predictions files spell them, and numpy's argmax over them. */
import { describe, expect, it } from "vitest";
import { firstNonFinite, jsonFloat, readJsonFloat } from "../src/floats.js";
import { argmax } from "../src/tasks/glue/finish.js";

describe("jsonFloat and readJsonFloat", () => {
  it.each([
    [1.5, 1.5],
    [-2.5e-3, -2.5e-3],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
  ])("%s is written as %j and read back as it was", (value, written) => {
    expect(jsonFloat(value)).toEqual(written);
    const text = JSON.stringify([jsonFloat(value)]);
    expect(Object.is(readJsonFloat((JSON.parse(text) as unknown[])[0]), value)).toBe(true);
  });

  it("reads nothing else as a number", () => {
    expect(readJsonFloat("nan")).toBeNull();
    expect(readJsonFloat("1.5")).toBeNull();
    expect(readJsonFloat(null)).toBeNull();
  });

  it("finds the first value that is not finite", () => {
    expect(firstNonFinite([1, 2])).toBe(-1);
    expect(firstNonFinite(Float32Array.of(1, Number.NEGATIVE_INFINITY, Number.NaN))).toBe(1);
  });
});

describe("argmax follows numpy.argmax", () => {
  // Regression: [5, NaN] gave 0; numpy (and so run_glue.py) takes the first NaN.
  it.each([
    [[5, Number.NaN], 1],
    [[Number.NaN, 5], 0],
    [[1, Number.NaN, Number.NaN], 1],
    [[1, 3, 3], 1],
    [[Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY], 0],
    [[Number.NEGATIVE_INFINITY, 2], 1],
    [[Number.POSITIVE_INFINITY, 2], 0],
  ])("argmax(%j) is %i", (row, expected) => {
    expect(argmax(row)).toBe(expected);
  });
});

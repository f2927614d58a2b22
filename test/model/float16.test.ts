/**
 * float16 outputs are widened to float32 exactly. The expected value of each of the 65,536 bit
 * patterns is worked out here from the IEEE 754 definition with doubles (sign × 2^(e−15) ×
 * 1.m, subnormals 2^−14 × 0.m), independently of the table the code builds.
 */
import { describe, expect, it } from "vitest";
import { GlueEvalError } from "../../src/errors.js";
import { float32ToFloat16Bits, int64ToFloat16, widenBfloat16, widenFloat16 } from "../../src/model/float16.js";
import { convertFeed, outputAsFloat32 } from "../../src/model/tensor-types.js";

function halfValue(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0x1f) return m === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  if (e === 0) return sign * m * 2 ** -24;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

const ALL = Uint16Array.from({ length: 1 << 16 }, (_, i) => i);

describe("float16 → float32", () => {
  const widened = widenFloat16(ALL);

  it("gives the exact value of all 65,536 bit patterns (±0, subnormals, ±infinity, NaN)", () => {
    let checked = 0;
    for (let h = 0; h < 1 << 16; h++) {
      const expected = halfValue(h);
      const actual = widened[h] as number;
      if (Number.isNaN(expected)) expect(Number.isNaN(actual), `0x${h.toString(16)}`).toBe(true);
      else if (!Object.is(actual, expected)) throw new Error(`0x${h.toString(16)}: got ${actual}, expected ${expected}`);
      checked++;
    }
    expect(checked).toBe(65536);
  });

  it.each([
    [0x0000, 0],
    [0x8000, -0],
    [0x0001, 2 ** -24],
    [0x03ff, 1023 * 2 ** -24],
    [0x0400, 2 ** -14],
    [0x3c00, 1],
    [0x3c01, 1 + 2 ** -10],
    [0xc000, -2],
    [0x7bff, 65504],
    [0x7c00, Number.POSITIVE_INFINITY],
    [0xfc00, Number.NEGATIVE_INFINITY],
  ])("bit pattern %i is %s", (h, value) => {
    expect(Object.is(widenFloat16(Uint16Array.of(h))[0], value)).toBe(true);
  });

  it("keeps a NaN's sign and payload bits", () => {
    const bits = new Uint32Array(widenFloat16(Uint16Array.of(0x7e01, 0xfd55)).buffer);
    expect(bits[0]).toBe(0x7fc02000);
    expect(bits[1]).toBe(0xffaaa000);
  });

  it("reads a float16 output tensor's bytes (Uint16Array or Float16Array data) in place", () => {
    const bytes = new Uint16Array([0x3c00, 0x4000, 0xbc00, 0x3555]);
    expect([...outputAsFloat32("logits", "float16", bytes)]).toEqual([1, 2, -1, halfValue(0x3555)]);
    expect([...outputAsFloat32("logits", "bfloat16", Uint16Array.of(0x3f80, 0xc040))]).toEqual([1, -3]);
    expect(() => outputAsFloat32("logits", "int64", new BigInt64Array(1))).toThrow(GlueEvalError);
  });
});

describe("float32 → float16 (for float16 inputs)", () => {
  it("round-trips every non-NaN float16 value", () => {
    const widened = widenFloat16(ALL);
    for (let h = 0; h < 1 << 16; h++) {
      if (Number.isNaN(widened[h] as number)) continue;
      if (float32ToFloat16Bits(widened[h] as number) !== h) throw new Error(`0x${h.toString(16)} does not round-trip`);
    }
  });

  it.each([
    ["halfway between 1 and the next half rounds to even (1)", 1 + 2 ** -11, 0x3c00],
    ["just above halfway rounds up", 1 + 2 ** -11 + 2 ** -20, 0x3c01],
    ["halfway above an odd mantissa rounds up to even", 1 + 3 * 2 ** -11, 0x3c02],
    ["65519 is 65504", 65519, 0x7bff],
    ["65520 overflows to infinity", 65520, 0x7c00],
    ["2^-25 (halfway to the smallest subnormal) rounds to 0", 2 ** -25, 0x0000],
    ["1.5 × 2^-25 rounds to the smallest subnormal", 1.5 * 2 ** -25, 0x0001],
    ["-2^-24 is the negative smallest subnormal", -(2 ** -24), 0x8001],
    ["NaN stays NaN", Number.NaN, 0x7e00],
  ])("%s", (_title, value, bits) => {
    expect(float32ToFloat16Bits(value)).toBe(bits);
  });

  it("converts int64 feeds exactly and refuses a value float16 cannot hold", () => {
    expect([...int64ToFloat16(BigInt64Array.of(0n, 1n, 2048n, -3n))]).toEqual([0x0000, 0x3c00, 0x6800, 0xc200]);
    expect(() => int64ToFloat16(BigInt64Array.of(2049n))).toThrow(/2049 is not exactly representable/);
    expect(() => convertFeed("input_ids", BigInt64Array.of(30522n), "float16")).toThrow(/input "input_ids" is float16/);
    expect([...(convertFeed("attention_mask", BigInt64Array.of(1n, 0n), "int32") as Int32Array)]).toEqual([1, 0]);
  });

  it("leaves a bfloat16 value as the upper half of its float32", () => {
    const bits = new Uint32Array(widenBfloat16(Uint16Array.of(0x7f80, 0x0001)).buffer);
    expect([...bits]).toEqual([0x7f800000, 0x00010000]);
  });
});

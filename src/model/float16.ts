/**
 * IEEE 754 half precision (binary16) and bfloat16 to and from float32, bit-exact.
 * Every float16 and bfloat16 value is exactly representable in float32, so widening is exact:
 * subnormals, ±0, ±infinity and NaN (payload kept) included.
 */

let table: Float32Array | undefined;

/** The float32 value of each of the 65,536 float16 bit patterns. */
function float16Table(): Float32Array {
  if (table !== undefined) return table;
  const bits = new Uint32Array(1 << 16);
  for (let h = 0; h < 1 << 16; h++) bits[h] = float16BitsToFloat32Bits(h);
  table = new Float32Array(bits.buffer);
  return table;
}

/** The float32 bit pattern of float16 bit pattern `h`. */
export function float16BitsToFloat32Bits(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exponent = (h >>> 10) & 0x1f;
  let mantissa = h & 0x3ff;
  if (exponent === 0x1f) return (sign | 0x7f800000 | (mantissa << 13)) >>> 0;
  if (exponent !== 0) return (sign | ((exponent + 112) << 23) | (mantissa << 13)) >>> 0;
  if (mantissa === 0) return sign >>> 0;
  // Subnormal: normalize. Value = mantissa × 2^-24.
  let e = 113;
  while ((mantissa & 0x400) === 0) {
    mantissa <<= 1;
    e--;
  }
  return (sign | (e << 23) | ((mantissa & 0x3ff) << 13)) >>> 0;
}

/** Float16 bit patterns (a Uint16Array, or a Float16Array's bytes) widened to float32. */
export function widenFloat16(bits: Uint16Array): Float32Array {
  const values = float16Table();
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = values[bits[i] as number] as number;
  return out;
}

/** Bfloat16 bit patterns widened to float32 (the upper half of a float32). */
export function widenBfloat16(bits: Uint16Array): Float32Array {
  const out = new Uint32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = ((bits[i] as number) << 16) >>> 0;
  return new Float32Array(out.buffer);
}

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** The float16 bit pattern nearest to `value` (round to nearest, ties to even; NaN stays NaN). */
export function float32ToFloat16Bits(value: number): number {
  scratch[0] = value;
  const x = scratchBits[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200 | (mantissa >>> 13));
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    // Subnormal half: shift the full significand (implicit 1) into place, rounding to even.
    const significand = mantissa | 0x800000;
    const shift = 14 - e;
    const half = significand >>> shift;
    const rest = significand & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    return sign | (half + (rest > midpoint || (rest === midpoint && (half & 1) === 1) ? 1 : 0));
  }
  const half = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa rolls into the exponent, and into infinity past 65504.
  return sign | (half + (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1) ? 1 : 0));
}

/** int64 feed values as float16 bit patterns; throws on a value float16 cannot hold exactly. */
export function int64ToFloat16(values: BigInt64Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Number(values[i]);
    const bits = float32ToFloat16Bits(v);
    if (float16Table()[bits] !== v) throw new RangeError(`${v} is not exactly representable in float16`);
    out[i] = bits;
  }
  return out;
}

/**
 * A small seeded pseudo-random generator, so that bootstrap intervals are
 * reproducible from a seed on every platform and Node version (Math.random is
 * neither seedable nor specified).
 *
 * The generator is xoshiro128** (Blackman & Vigna, 2018): 128 bits of state,
 * period 2^128 − 1, passes BigCrush. Its state is filled from the seed by a
 * splitmix-style mixer (a golden-ratio counter through MurmurHash3's 32-bit
 * finaliser), so that nearby seeds (1, 2, 3…) give unrelated streams.
 */
export interface Rng {
  /** A uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** A uniform integer in [0, n), without modulo bias; n an integer in [1, 2^32]. */
  nextInt(n: number): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number;
}

const TWO_32 = 2 ** 32;

/**
 * A generator seeded with any safe integer; distinct seeds (negative ones and
 * ones above 2^32 included) give distinct streams.
 *
 * Worked example: `createRng(1).nextUint32()` is the same number on every run,
 * and `createRng(s).nextInt(1)` is always 0.
 *
 * @throws RangeError when the seed is not a safe integer.
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_32) >>> 0;
  let sm = lo;
  const splitmix32 = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  // The first word fixes lo (the mixer is a bijection) and the second then fixes hi,
  // so distinct seeds always start from distinct states.
  const nextUint32 = xoshiro128StarStar(splitmix32(), splitmix32() ^ hi, splitmix32(), splitmix32());

  const nextInt = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > TWO_32) {
      throw new RangeError(`nextInt: n must be an integer in [1, 2^32], got ${n}`);
    }
    // Reject the top partial block of 2^32 so every residue is equally likely.
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const r = nextUint32();
      if (r < limit) return r % n;
    }
  };

  const nextFloat = (): number => {
    const high = nextUint32() >>> 5; // 27 bits
    const low = nextUint32() >>> 6; // 26 bits
    return (high * 2 ** 26 + low) / 2 ** 53;
  };

  return { nextUint32, nextInt, nextFloat };
}

/**
 * The raw xoshiro128** step from four 32-bit state words, exposed so the test
 * suite can check it against the reference C implementation's outputs.
 */
export function xoshiro128StarStar(a: number, b: number, c: number, d: number): () => number {
  let s0 = a | 0;
  let s1 = b | 0;
  let s2 = c | 0;
  let s3 = d | 0;
  // An all-zero state would stay zero forever.
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

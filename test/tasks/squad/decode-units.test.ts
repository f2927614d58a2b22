import { describe, expect, it } from "vitest";
import { decodeQuestion, type DecodeOptions, type WindowLogits } from "../../../src/tasks/squad/decode.js";
import { numpySum, softmax } from "../../../src/tasks/squad/probabilities.js";
import { PyObject, type PyValue, pyFloat, pyJson, pyJsonObjectPieces } from "../../../src/tasks/squad/pyjson.js";
import { inPieces } from "../../../src/util/atomic.js";
import { codePointText, sliceCodePoints } from "../../../src/tasks/squad/text.js";
import { topIndices } from "../../../src/tasks/squad/topk.js";
import { createRng } from "../../../src/report/stats/random.js";

/** The reference order: np.argsort(kind="stable") reversed (NaN largest). */
function stableTop(values: readonly number[], n: number): number[] {
  // Ascending, NaN after everything (+Infinity included), equal values by index.
  const nanLast = (v: number): number => (Number.isNaN(v) ? 1 : 0);
  const compare = (x: number, y: number): number => nanLast(x) - nanLast(y) || (x < y ? -1 : x > y ? 1 : 0);
  const order = values.map((_, i) => i).sort((a, b) => compare(values[a] as number, values[b] as number) || a - b);
  return order.reverse().slice(0, n);
}

describe("topIndices (np.argsort(x)[-1:-n-1:-1])", () => {
  it.each([
    [[1, 3, 2], 2, [1, 2]],
    [[5, 5, 1], 2, [1, 0]],
    [[Number.NaN, 1, Number.NaN], 3, [2, 0, 1]],
    [[0, -0, 0], 2, [2, 1]],
    [[1, 2], 5, [1, 0]],
    [[1, 2], 0, []],
  ])("%j top %i -> %j", (values, n, expected) => {
    expect(topIndices(values, n)).toEqual(expected);
  });

  it("agrees with a full stable sort on rows full of ties", () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 200; trial++) {
      const values = Array.from({ length: 10 + Math.floor(random() * 300) }, () => Math.floor(random() * 8));
      expect(topIndices(values, 20)).toEqual(stableTop(values, 20));
    }
  });

  it("agrees with a full stable sort on long rows with NaN, signed zeros and ties (the block bound)", () => {
    const rng = createRng(5);
    const pick = [Number.NaN, -0, 0, 1, -1, 2.5, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
    for (let trial = 0; trial < 300; trial++) {
      const length = 1 + rng.nextInt(500);
      const nanRate = trial % 3 === 0 ? 0 : 0.02;
      const values = Array.from({ length }, () =>
        rng.nextFloat() < nanRate ? Number.NaN : rng.nextFloat() < 0.3 ? (pick[rng.nextInt(pick.length)] as number) : rng.nextInt(50) / 7,
      );
      const n = 1 + rng.nextInt(30);
      expect(topIndices(Float32Array.from(values), n), `trial ${trial}`).toEqual(stableTop(Array.from(Float32Array.from(values)), n));
    }
  });
});

describe("numpy float32 arithmetic", () => {
  it("sums pairwise with 8 accumulators, as numpy does", () => {
    // In float32, 2^24 + 1 + 1 + ... loses the ones when added one by one but not pairwise.
    const values = [16777216, ...Array.from({ length: 15 }, () => 1)];
    expect(numpySum(values, Math.fround)).toBe(16777216 + 14);
    expect(numpySum([1, 2, 3], Math.fround)).toBe(6);
  });

  it("softmax sums to one", () => {
    const p = softmax([2, 1, 0.5], true);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(p[0]).toBeGreaterThan(p[1] ?? 1);
  });
});

describe("Python json.dumps(indent=4)", () => {
  it.each([
    [1e-5, "1e-05"],
    [0.0001, "0.0001"],
    [3, "3.0"],
    [-2.5e-7, "-2.5e-07"],
    [1e16, "1e+16"],
    [0.94476318359375, "0.94476318359375"],
    [9999999999999998, "9999999999999998.0"],
    [1e15, "1000000000000000.0"],
    [9.999999999999999e-5, "9.999999999999999e-05"],
    [-0.000123, "-0.000123"],
    [5e-324, "5e-324"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
  ])("repr(%d) = %s", (x, text) => {
    expect(pyFloat(x)).toBe(text);
  });

  it("repr of doubles of every magnitude: the shortest digits, exponent form outside [1e-4, 1e16)", () => {
    // Python's rule spelled out from the decimal exponent of the shortest digits.
    const reference = (x: number): string => {
      const [mantissa = "", exp = "0"] = x.toExponential().split("e");
      const exponent = Number(exp);
      if (exponent < -4 || exponent >= 16) return `${mantissa}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
      const digits = mantissa.replace("-", "").replace(".", "");
      const sign = x < 0 ? "-" : "";
      if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
      const whole = digits.padEnd(exponent + 1, "0");
      return `${sign}${whole.slice(0, exponent + 1)}.${whole.slice(exponent + 1) || "0"}`;
    };
    const rng = createRng(17);
    for (let trial = 0; trial < 5000; trial++) {
      const x = (rng.nextFloat() < 0.5 ? -1 : 1) * rng.nextFloat() * 10 ** (rng.nextInt(50) - 25);
      if (x !== 0) expect(pyFloat(x), String(x)).toBe(reference(x));
    }
  });

  it("writes objects in order with ensure_ascii", () => {
    const text = pyJson(
      new PyObject([
        ["2", "café"],
        ["1", [new PyObject([["p", 0.5]])]],
        ["0", []],
      ]),
    );
    expect(text).toBe('{\n    "2": "caf\\u00e9",\n    "1": [\n        {\n            "p": 0.5\n        }\n    ],\n    "0": []\n}');
  });
  it("writes a large object piece by piece with the same text", () => {
    const entries: [string, PyValue][] = [
      ["2", "café"],
      ["1", [new PyObject([["p", 0.5]])]],
      ["0", []],
      ["x", null],
    ];
    for (let n = 0; n <= entries.length; n++) {
      const object = entries.slice(0, n);
      expect([...pyJsonObjectPieces(object)].join("")).toBe(pyJson(new PyObject(object)));
      expect([...inPieces(pyJsonObjectPieces(object), 8)].join("")).toBe(pyJson(new PyObject(object)));
    }
    expect([...inPieces(["ab", "cd", "e"], 3)]).toEqual(["abcd", "e"]);
  });
});

describe("code point slicing", () => {
  it("slices by Python string indices around astral characters", () => {
    const text = codePointText("a😀b😀cd");
    expect(text.length).toBe(6);
    expect(sliceCodePoints(text, 2, 5)).toBe("b😀c");
    expect(sliceCodePoints(text, 4, 2)).toBe("");
    expect(sliceCodePoints(codePointText("plain"), 1, 99)).toBe("lain");
  });
});

const V1: DecodeOptions = { nBestSize: 20, maxAnswerLength: 30, version2: false, nullScoreDiffThreshold: 0 };
const V2: DecodeOptions = { ...V1, version2: true };

/** A window over "Rollo led 😀 Normans": [CLS] q [SEP] Rollo led 😀 Normans [SEP]. */
function window(start: number[], end: number[]): WindowLogits {
  const offsets = [null, null, null, [0, 5], [6, 9], [10, 11], [12, 19], null] as const;
  return { offsets: [...offsets], start: Float32Array.from(start), end: Float32Array.from(end) };
}
const CONTEXT = "Rollo led 😀 Normans";

describe("decodeQuestion (utils_qa.py postprocess_qa_predictions)", () => {
  it("takes the best span inside the context and slices by code points", () => {
    const w = window([0, 9, 0, 1, 0, 0, 5, 0], [0, 0, 9, 0, 0, 0, 4, 0]);
    const decoded = decodeQuestion(CONTEXT, [w], V1);
    expect(decoded.prediction).toBe("Normans");
    expect(decoded.nbest[0]).toMatchObject({ text: "Normans", startLogit: 5, endLogit: 4, placeholder: false });
    expect(decoded.nullOdds).toBeNull();
  });

  it("drops spans longer than max_answer_length and gives 'empty' when nothing is left", () => {
    const w = window([0, 0, 0, 0, 0, 0, 9, 0], [0, 0, 0, 9, 0, 0, 0, 0]);
    expect(decodeQuestion(CONTEXT, [w], { ...V1, nBestSize: 1 }).nbest.map((e) => e.text)).toEqual(["empty"]);
    const twoTokens = decodeQuestion(CONTEXT, [window([0, 0, 0, 0, 9, 0, 0, 0], [0, 0, 0, 0, 0, 9, 0, 0])], { ...V1, nBestSize: 1, maxAnswerLength: 1 });
    expect(twoTokens.prediction).toBe("empty");
  });

  it("answers '' on SQuAD 2.0 when the null score beats the best span by more than the threshold", () => {
    const w = window([6, 0, 0, 2, 0, 0, 0, 0], [6, 0, 0, 2, 0, 0, 0, 0]);
    const decoded = decodeQuestion(CONTEXT, [w], V2);
    expect(decoded.prediction).toBe("");
    expect(decoded.nullOdds).toBe(12 - 4);
    expect(decoded.nbest[0]?.text).toBe("");
    expect(decodeQuestion(CONTEXT, [w], { ...V2, nullScoreDiffThreshold: 8 }).prediction).toBe("Rollo");
  });

  it("uses the window with the lowest null score", () => {
    const high = window([9, 0, 0, 1, 0, 0, 0, 0], [9, 0, 0, 1, 0, 0, 0, 0]);
    const low = window([1, 0, 0, 1, 0, 0, 0, 0], [1, 0, 0, 1, 0, 0, 0, 0]);
    expect(decodeQuestion(CONTEXT, [high, low], V2).nullOdds).toBe(0);
  });

  it("keeps the same n-best as building every pair and sorting stably (ties included)", () => {
    const rng = createRng(11);
    // Logits on a coarse grid so that equal scores are common.
    const logits = (): number[] => Array.from({ length: 8 }, () => rng.nextInt(5) - 2);
    for (let trial = 0; trial < 300; trial++) {
      const windows = Array.from({ length: 1 + rng.nextInt(3) }, () => window(logits(), logits()));
      const options = { ...(trial % 2 === 0 ? V1 : V2), nBestSize: 1 + rng.nextInt(6), maxAnswerLength: 1 + rng.nextInt(4) };
      const got = decodeQuestion(CONTEXT, windows, options);
      const want = allPairsNBest(windows, options);
      expect(got.nbest.filter((e) => !e.placeholder).map((e) => [e.text, e.startLogit, e.endLogit])).toEqual(want);
    }
  });
});

/** utils_qa.py, literally: every pair of the n_best starts and ends, the null answer last, a stable sort, the first n_best. */
function allPairsNBest(windows: readonly WindowLogits[], o: DecodeOptions): [string, number, number][] {
  const prelim: { text: string; score: number; start: number; end: number; isNull: boolean }[] = [];
  let minNull: (typeof prelim)[number] | null = null;
  for (const w of windows) {
    const start = Array.from(w.start);
    const end = Array.from(w.end);
    const nullScore = Math.fround((start[0] as number) + (end[0] as number));
    if (minNull === null || minNull.score > nullScore) minNull = { text: "", score: nullScore, start: start[0] as number, end: end[0] as number, isNull: true };
    for (const s of stableTop(start, o.nBestSize)) {
      for (const e of stableTop(end, o.nBestSize)) {
        const from = w.offsets.at(s);
        const to = w.offsets.at(e);
        if (!from || !to || e < s || e - s + 1 > o.maxAnswerLength) continue;
        const text = sliceCodePoints(codePointText(CONTEXT), from[0], to[1]);
        prelim.push({ text, score: Math.fround((start[s] as number) + (end[e] as number)), start: start[s] as number, end: end[e] as number, isNull: false });
      }
    }
  }
  if (o.version2 && minNull !== null) prelim.push(minNull);
  const chosen = [...prelim].sort((a, b) => b.score - a.score).slice(0, o.nBestSize);
  if (o.version2 && minNull !== null && !chosen.some((c) => c.isNull)) chosen.push(minNull);
  return chosen.map((c) => [c.text, c.start, c.end]);
}

import { describe, expect, it } from "vitest";
import { buildMrpc, pyStrip, pythonLines } from "../../src/download/mrpc.js";
import { sha256 } from "../../src/util/hash.js";
import { hasShared } from "../shared.js";
import { msrTestStandIn, msrTrainStandIn, sharedFile } from "./builders.js";

const names = { train: "msr_paraphrase_train.txt", test: "msr_paraphrase_test.txt" };

describe("Python text-mode reading", () => {
  it.each([
    ["spaces and tabs", " \ta b\t ", "a b"],
    ["keeps a BOM (Python does not strip it)", "\ufeffx", "\ufeffx"],
    ["strips \\x1f and \\x85 like Python", "\x1fx\x85", "x"],
  ])("pyStrip: %s", (_title, input, expected) => {
    expect(pyStrip(input)).toBe(expected);
  });

  it("reads \\r\\n and \\r as line ends and drops the empty tail", () => {
    expect(pythonLines("a\r\nb\rc\n")).toEqual(["a", "b", "c"]);
  });
});

describe.skipIf(!hasShared)("MRPC rebuilt as download_glue_data.py does", () => {
  it("splits the SentEval train file into the reference dev.tsv", () => {
    const ids = sharedFile("data", "glue", "MRPC", "dev_ids.tsv").toString("utf8");
    const files = buildMrpc(msrTrainStandIn().toString("utf8"), msrTestStandIn().toString("utf8"), ids, names);
    expect(sha256(Buffer.from(files.dev, "utf8"))).toBe("9e8f284788040f7c9ecde2e1b3c07237c756f926bd9ef8548ef5d34b56f69f17");
    expect(files.train.split("\n").length - 2).toBe(3667);
    expect(files.test).toBe("index\t#1 ID\t#2 ID\t#1 String\t#2 String\n0\t11\t12\tA b .\tA  b .\n1\t13\t14\tC .\tD .\n");
  });

  it("names the file and line of a row without five fields", () => {
    expect(() => buildMrpc("h\n1\t2\t3\n", "h\n", "", names)).toThrow(/msr_paraphrase_train\.txt:2: expected 5 tab-separated fields, found 3/);
  });
});

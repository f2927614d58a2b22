import { it } from "vitest";
import { buildWindows } from "../../src/tasks/squad/windows.js";
import { devExamples, modelTokenizer } from "./helpers.js";
it("profile", async () => {
  for (const m of ["bert-tiny-squad", "deberta-v3-tiny-squad2"]) {
    let t0 = performance.now();
    const tok = await modelTokenizer(m);
    let t1 = performance.now();
    const ex = (await devExamples("squad")).slice(0, 150);
    let t2 = performance.now();
    const w = await buildWindows(ex, tok, { maxSeqLength: 384, docStride: 128, file: "x" });
    let t3 = performance.now();
    const all = await devExamples("squad");
    const w2 = await buildWindows(all, tok, { maxSeqLength: 384, docStride: 128, file: "x" });
    let t4 = performance.now();
    console.log(m, "readTok", t1 - t0, "dev", t2 - t1, "150", t3 - t2, w.length, "all", t4 - t3, w2.length);
  }
});

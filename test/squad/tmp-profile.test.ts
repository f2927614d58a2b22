import { it } from "vitest";
import { createTokenizer } from "../../src/model/tokenizer.js";
import { pyLstrip } from "../../src/metrics/squad/normalize.js";
import { devExamples, modelTokenizer } from "./helpers.js";
it("profile", async () => {
  for (const m of ["deberta-v3-tiny-squad2"]) {
    const tok = await modelTokenizer(m);
    const ex = await devExamples("squad");
    const counter = createTokenizer(tok, null);
    const win = createTokenizer(tok, { maxLength: 384, strategy: "only_second", stride: 128 });
    let t0 = performance.now();
    await Promise.all(ex.map((e) => counter.encode(pyLstrip(e.question), null, { addSpecialTokens: false })));
    let t1 = performance.now();
    const ctx = [...new Set(ex.map((e) => e.context))];
    await Promise.all(ctx.map((c) => counter.encode(c, null, { addSpecialTokens: false })));
    let t2 = performance.now();
    await Promise.all(ex.map((e) => win.encode(pyLstrip(e.question), e.context)));
    let t3 = performance.now();
    console.log(m, "questions", t1 - t0, "contexts", t2 - t1, ctx.length, "pairs", t3 - t2);
  }
});

import { it } from "vitest";
import { buildWindows } from "../../src/tasks/squad/windows.js";
import { devExamples, modelTokenizer } from "./helpers.js";
it("profile", async () => {
  const tok = await modelTokenizer("deberta-v3-tiny-squad2");
  const ex = await devExamples("squad");
  // @ts-ignore
  const compiled = await import("/tmp/sqbuild/src/tasks/squad/windows.js");
  let t0 = performance.now();
  await compiled.buildWindows(ex, tok, { maxSeqLength: 384, docStride: 128, file: "x" });
  console.log("compiled", performance.now() - t0);
  t0 = performance.now();
  await buildWindows(ex, tok, { maxSeqLength: 384, docStride: 128, file: "x" });
  console.log("vite", performance.now() - t0);
});

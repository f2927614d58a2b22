import { harnessConfig, runHarness } from './dist/bench/harness.js';
import { openSession } from './dist/model/session.js';
import { readTokenizerFile } from './dist/model/tokenizer.js';
import { tokenizeSource } from './dist/bench/tokenize.js';
import { planBatches } from './dist/runner/batching.js';
import { inferBatches } from './dist/bench/raw.js';
const [model, task, limit, reps, cacheMode] = process.argv.slice(2);
const dir = `../shared/fixtures/models/${model}`;
const file = await readTokenizerFile(`${dir}/tokenizer.json`);
const src = await tokenizeSource(task, file, { dataDir: '../shared/data', limit: limit === 'all' ? null : Number(limit), maxSeqLength: 128, docStride: 128 });
const { value: features } = await src.run();
const plan = planBatches(features, 32);
const { existsSync } = await import('node:fs');
const session = await openSession(existsSync(`${dir}/model.onnx`) ? `${dir}/model.onnx` : `${dir}/onnx/model.onnx`, { threads: 2, executionProvider: 'cpu' });
const c = { modelPath: dir, task, limit: limit === 'all' ? null : Number(limit), batchSize: 32, maxSeqLength: null, dataDir: '../shared/data' };
const rows = [];
for (let i = 0; i < Number(reps); i++) {
  const tok = (await src.run()).seconds;
  const inf = await inferBatches(session, features, plan, 0);
  const r = await runHarness(harnessConfig(c, '/tmp/scratch/ph-out', `/tmp/scratch/ph-cache-${Date.now()}`));
  const t = r.result.timing;
  const r2 = await runHarness(harnessConfig(c, '/tmp/scratch/ph-out', null));
  const t2 = r2.result.timing;
  rows.push({ tok, inf, ge: t.seconds, geTok: t.tokenizeSeconds, geInf: t.inferSeconds, geRest: t.seconds - t.tokenizeSeconds - t.inferSeconds, nc: t2.seconds, ncInf: t2.inferSeconds, ncRest: t2.seconds - t2.tokenizeSeconds - t2.inferSeconds });
}
const med = (k) => { const v = rows.map(r => r[k]).sort((a, b) => a - b); return v[v.length >> 1]; };
console.log(cacheMode, Object.fromEntries(['tok','inf','ge','geTok','geInf','geRest','nc','ncInf','ncRest'].map(k => [k, +(med(k)*1000).toFixed(1)])), 'ratio', ((med('ge'))/(med('tok')+med('inf'))).toFixed(3), 'nocache ratio', ((med('nc'))/(med('tok')+med('inf'))).toFixed(3));

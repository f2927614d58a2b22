import { openSession } from './dist/model/session.js';
import { readTokenizerFile } from './dist/model/tokenizer.js';
import { tokenizeSource } from './dist/bench/tokenize.js';
import { planBatches } from './dist/runner/batching.js';
import { inferBatches } from './dist/bench/raw.js';
const [model, task, limit] = process.argv.slice(2);
const dir = `../shared/fixtures/models/${model}`;
const file = await readTokenizerFile(`${dir}/tokenizer.json`);
const src = await tokenizeSource(task, file, { dataDir: '../shared/data', limit: limit === 'all' ? null : Number(limit), maxSeqLength: 128, docStride: 128 });
const { value: features } = await src.run();
const plan = planBatches(features, 32);
const { existsSync } = await import('node:fs');
const path = existsSync(`${dir}/model.onnx`) ? `${dir}/model.onnx` : `${dir}/onnx/model.onnx`;
const warm = await openSession(path, { threads: 2, executionProvider: 'cpu' });
await inferBatches(warm, features, plan, 0);
const w = [], c = [];
for (let i = 0; i < 12; i++) {
  w.push(await inferBatches(warm, features, plan, 0));
  const s = await openSession(path, { threads: 2, executionProvider: 'cpu' });
  c.push(await inferBatches(s, features, plan, 0));
  await s.release();
}
const med = (v) => v.sort((a, b) => a - b)[v.length >> 1] * 1000;
console.log(model, 'warm session', med(w).toFixed(1), 'ms; fresh session', med(c).toFixed(1), 'ms');

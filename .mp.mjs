import * as ort from 'onnxruntime-node';
import { readTokenizerFile } from './dist/model/tokenizer.js';
import { tokenizeSource } from './dist/bench/tokenize.js';
import { planBatches } from './dist/runner/batching.js';
import { buildFeeds } from './dist/runner/tensors.js';
const [model, task, limit] = process.argv.slice(2);
const dir = model.startsWith('bench') ? model : `../shared/fixtures/models/${model}`;
const file = await readTokenizerFile(`${dir}/tokenizer.json`);
const src = await tokenizeSource(task, file, { dataDir: '../shared/data', limit: limit === 'all' ? null : Number(limit), maxSeqLength: 128, docStride: 128 });
const { value: features } = await src.run();
const plan = planBatches(features, 32);
const { existsSync } = await import('node:fs');
const path = existsSync(`${dir}/model.onnx`) ? `${dir}/model.onnx` : `${dir}/onnx/model.onnx`;
const base = { executionProviders: ['cpu'], graphOptimizationLevel: 'all', intraOpNumThreads: 2, interOpNumThreads: 1, executionMode: 'sequential' };
async function pass(s) { const t = performance.now(); for (const b of plan) { const f = buildFeeds(features, b, s.inputNames, 0); const feeds = {}; for (const n of s.inputNames) feeds[n] = new ort.Tensor('int64', f[n].data, f[n].dims); await s.run(feeds); } return performance.now() - t; }
const variants = { default: {}, noMemPattern: { enableMemPattern: false }, noArena: { enableCpuMemArena: false }, neither: { enableMemPattern: false, enableCpuMemArena: false } };
const res = {};
for (let i = 0; i < Number(process.argv[5] ?? 8); i++) for (const [name, o] of Object.entries(variants)) {
  const s = await ort.InferenceSession.create(path, { ...base, ...o });
  const first = await pass(s); const second = await pass(s);
  (res[name] ??= { first: [], second: [] }); res[name].first.push(first); res[name].second.push(second);
  await s.release();
}
const med = (v) => v.sort((a, b) => a - b)[v.length >> 1];
for (const [k, v] of Object.entries(res)) console.log(model, k.padEnd(13), 'fresh', med(v.first).toFixed(1), 'warm', med(v.second).toFixed(1));

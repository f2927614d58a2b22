import { harnessConfig, runHarness } from './dist/bench/harness.js';
const task = process.argv[2] ?? 'sst2', model = process.argv[3] ?? '../shared/fixtures/models/bert-tiny-sst2', limit = process.argv[4] ? Number(process.argv[4]) : null;
const c = { modelPath: model, task, limit, batchSize: 32, maxSeqLength: null, dataDir: '../shared/data' };
for (let i = 0; i < 6; i++) {
  const r = await runHarness(harnessConfig(c, '/tmp/scratch/prof-out', `/tmp/scratch/prof-cache-${i}`));
  console.log(r.taskSeconds.toFixed(3), r.wholeCallSeconds.toFixed(3), JSON.stringify(r.result.timing));
}

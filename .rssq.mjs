import { peakRssOfEvaluate } from './dist/bench/rss.js';
import { harnessConfig } from './dist/bench/harness.js';
// hold a big buffer in the parent to show it does not leak into the child's figure
const hold = Buffer.alloc(800 * 2 ** 20, 1);
for (const [model, task, limit] of [['../shared/fixtures/models/bert-tiny-qqp', 'qqp', null], ['../shared/fixtures/models/bert-tiny-squad', 'squad', 500], ['bench-models/bert-base-random-cls', 'sst2', 200]]) {
  const b = await peakRssOfEvaluate(harnessConfig({ modelPath: model, task, limit, batchSize: 32, maxSeqLength: null, dataDir: '../shared/data' }, '/tmp/scratch/rssq', `/tmp/scratch/rssq-cache-${Date.now()}`));
  console.log(task, (b / 2 ** 20).toFixed(0), 'MiB', hold.length > 0);
}

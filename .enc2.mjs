import { readFileSync } from 'node:fs';
import { Tokenizer } from 'tokenizers';
const json = readFileSync('../shared/fixtures/models/bert-tiny-qqp/tokenizer.json','utf8');
const tk=Tokenizer.fromString(json); tk.disablePadding(); tk.setTruncation(128,{strategy:'LongestFirst',stride:0});
const sst = readFileSync('../shared/data/glue/SST-2/dev.tsv','utf8').split('\n').slice(1).filter(Boolean).map(l=>l.split('\t')[0]);
const ext = (e) => ({ ids: e.getIds(), t: e.getTypeIds(), o: e.getOverflowing().length });
const res = {};
for (let r=0;r<12;r++) for (const [name,f] of [
  ['sst encode-all', async()=> (await Promise.all(sst.map(s=>tk.encode(s,null)))).map(ext)],
  ['sst encodeBatch', async()=> (await tk.encodeBatch(sst)).map(ext)],
]) { const t=performance.now(); const out = await f(); const dt=performance.now()-t; (res[name] ??= []).push(dt); if (r===0 && name.includes('Batch')) { const a=(await Promise.all(sst.map(s=>tk.encode(s,null)))).map(ext); if (JSON.stringify(a)!==JSON.stringify(out)) console.log('DIFFERENT'); else console.log('identical'); } }
for (const [k,v] of Object.entries(res)) { v.sort((a,b)=>a-b); console.log(k, 'median', v[v.length>>1].toFixed(1), 'min', v[0].toFixed(1)); }

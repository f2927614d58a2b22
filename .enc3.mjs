import { readFileSync } from 'node:fs';
import { Tokenizer } from 'tokenizers';
const json = readFileSync('../shared/fixtures/models/bert-tiny-qqp/tokenizer.json','utf8');
const tk=Tokenizer.fromString(json); tk.disablePadding(); tk.setTruncation(128,{strategy:'LongestFirst',stride:0});
const rows = readFileSync('../shared/data/glue/QQP/dev.tsv','utf8').split('\n').slice(1).filter(Boolean).map(l=>l.split('\t')).map(r=>[r[3],r[4]]).slice(0, 12000);
const ext = (e) => ({ ids: e.getIds(), t: e.getTypeIds(), o: e.getOverflowing().length });
async function chunked(size){ const out=[]; for(let s=0;s<rows.length;s+=size){ const e=await Promise.all(rows.slice(s,s+size).map(([a,b])=>tk.encode(a,b))); for (const x of e) out.push(ext(x)); } return out; }
async function chunkedLazy(size){ const out=[]; for(let s=0;s<rows.length;s+=size){ const e=await Promise.all(rows.slice(s,s+size).map(([a,b])=>tk.encode(a,b).then(ext))); out.push(...e); } return out; }
const res = {};
for (let r=0;r<7;r++) for (const [name,f] of [['chunk2048',()=>chunked(2048)],['all',()=>chunked(rows.length)],['chunk256',()=>chunked(256)],['then2048',()=>chunkedLazy(2048)]]) { const t=performance.now(); await f(); (res[name] ??= []).push(performance.now()-t); }
for (const [k,v] of Object.entries(res)) { v.sort((a,b)=>a-b); console.log(k, 'median', v[v.length>>1].toFixed(0), 'min', v[0].toFixed(0), 'pairs/s', (rows.length/v[v.length>>1]*1000).toFixed(0)); }

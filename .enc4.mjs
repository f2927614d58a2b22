import { readFileSync } from 'node:fs';
import { Tokenizer } from 'tokenizers';
const json = readFileSync('../shared/fixtures/models/bert-tiny-qqp/tokenizer.json','utf8');
const tk=Tokenizer.fromString(json); tk.disablePadding(); tk.setTruncation(128,{strategy:'LongestFirst',stride:0});
const rows = readFileSync('../shared/data/glue/QQP/dev.tsv','utf8').split('\n').slice(1).filter(Boolean).map(l=>l.split('\t')).map(r=>({text:r[3],pair:r[4]})).slice(0, 15000);
const IN=2048;
async function current(ex){ const f=new Array(ex.length); let tr=0; for(let s=0;s<ex.length;s+=IN){ const enc=await Promise.all(ex.slice(s,s+IN).map(e=>tk.encode(e.text,e.pair))); enc.forEach((e,i)=>{ if (e.getOverflowing().length>0) tr++; f[s+i]={ids:e.getIds(), typeIds:e.getTypeIds()}; }); } return [f,tr]; }
async function lazyOverflow(ex){ const f=new Array(ex.length); let tr=0; for(let s=0;s<ex.length;s+=IN){ const enc=await Promise.all(ex.slice(s,s+IN).map(e=>tk.encode(e.text,e.pair))); enc.forEach((e,i)=>{ const ids=e.getIds(); if (ids.length>=128 && e.getOverflowing().length>0) tr++; f[s+i]={ids, typeIds:e.getTypeIds()}; }); } return [f,tr]; }
async function rawAll(ex){ const enc=await Promise.all(ex.map(e=>tk.encode(e.text,e.pair))); return [enc.map(e=>({ids:e.getIds(), typeIds:e.getTypeIds()})),0]; }
const a = await current(rows), b = await lazyOverflow(rows);
console.log('same', JSON.stringify(a)===JSON.stringify(b), 'truncated', a[1], b[1]);
const res={};
for (let r=0;r<9;r++) for (const [n,f] of [['current',current],['lazyOverflow',lazyOverflow],['rawAll',rawAll]]) { const t=performance.now(); await f(rows); (res[n]??=[]).push(performance.now()-t); }
for (const [k,v] of Object.entries(res)) { v.sort((a,b)=>a-b); console.log(k.padEnd(13),'median',v[v.length>>1].toFixed(0),'min',v[0].toFixed(0)); }
async function allLazy(ex, onP){ let done=0; let tr=0; const f = await Promise.all(ex.map(e=>tk.encode(e.text,e.pair).then(enc=>{ const ids=enc.getIds(); if (ids.length>=128 && enc.getOverflowing().length>0) tr++; done++; if (onP && (done & 1023)===0) onP(done); return {ids, typeIds:enc.getTypeIds()}; }))); return [f,tr]; }
async function allLazy2(ex){ let tr=0; const enc = await Promise.all(ex.map(e=>tk.encode(e.text,e.pair))); const f = enc.map(e=>{ const ids=e.getIds(); if (ids.length>=128 && e.getOverflowing().length>0) tr++; return {ids, typeIds:e.getTypeIds()}; }); return [f,tr]; }
const res2={};
for (let r=0;r<9;r++) for (const [n,f] of [['lazyOverflow',lazyOverflow],['allLazyThen',(x)=>allLazy(x,()=>{})],['allLazy2',allLazy2],['rawAll',rawAll]]) { const t=performance.now(); await f(rows); (res2[n]??=[]).push(performance.now()-t); }
for (const [k,v] of Object.entries(res2)) { v.sort((a,b)=>a-b); console.log('2', k.padEnd(13),'median',v[v.length>>1].toFixed(0),'min',v[0].toFixed(0)); }

// bench:baselines:scale — can every baseline detector handle a real release? Fits each
// one on all of the r4.2 profile's user-days (about 300 k × 700 features, the size of
// CERT r4.2) and scores them all, timing fit and score against the bound of
// 5 minutes per fit on 2 cores. The AUCs printed are in-sample (fit and scored on the same
// rows) and only show that the detector did something sensible at scale; the fair
// comparison is bench:compare. Features come from bench:features' cache (made first when
// missing). Ends stdout with one JSON line.
//
//   npm run bench:baselines:scale [-- --only xgboost,ecod --limit 100000]
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDetector, detectorNames } from '../src/baselines/index.js';
import { DEFAULT_BASELINES, DEFAULT_GRAPH_BASELINES, graphContext } from '../src/train/baselines.js';
import { GRAPH_DETECTORS, loadEdges } from '../src/baselines/graph/index.js';
import { edgesPathFor } from '../src/data/cert/edges.js';
import { extractFeatures } from '../src/data/cert/index.js';
import { loadFeatureMatrix } from '../src/data/cert/matrix.js';
import { fitPrepare, applyPrepare } from '../src/layout/prepare.js';
import { averagePrecision, rocAuc } from '../src/eval/index.js';
import { ensureBenchDataset } from './lib/benchCache.js';

const { values: a } = parseArgs({ options: { only: { type: 'string' }, limit: { type: 'string' }, seed: { type: 'string', default: '1' }, bound: { type: 'string', default: '300' } } });
const BOUND = Number(a.bound);
const names = a.only ? a.only.split(',') : [...DEFAULT_BASELINES, ...DEFAULT_GRAPH_BASELINES];
for (const n of names) if (!detectorNames.includes(n)) throw new Error(`unknown detector '${n}' (known: ${detectorNames.join(', ')})`);
const needsEdges = names.some((n) => GRAPH_DETECTORS.includes(n));
// The graph detectors read the log edges, which bench:features' table does not carry: a
// second extraction with --edges, kept beside it.
const features = resolve('.cache', 'bench', 'features', needsEdges ? 'r4.2-day-edges.parquet' : 'r4.2-day.parquet');
if (!existsSync(features) || (needsEdges && !existsSync(edgesPathFor(features)))) {
  const data = await ensureBenchDataset({ quiet: true });
  const t = performance.now();
  await extractFeatures({ data, granularity: 'day', out: features, edges: needsEdges, quiet: true });
  console.log(`extracted ${features}${needsEdges ? ' with edges' : ''} in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
const m = await loadFeatureMatrix(features, a.limit ? { limit: Number(a.limit) } : {});
if (!m.insider) throw new Error(`${features}: no labels`);
const all = Int32Array.from({ length: m.n }, (_, i) => i);
const prep = fitPrepare(m, all);
const x = applyPrepare(prep, m);
const f = prep.inputs.length;
const labels = Uint8Array.from(m.insider, (v) => (v > 0 ? 1 : 0));
const positives = labels.reduce((s, v) => s + v, 0);
const edges = needsEdges ? await loadEdges(edgesPathFor(features), m.users) : null;
console.log(`bench:baselines:scale — ${m.n} user-days × ${f} features (${positives} malicious) from the r4.2 profile; load ${loadavg()[0].toFixed(1)}; bound ${BOUND} s per fit`);
console.log(`${'detector'.padEnd(18)} ${'fit s'.padStart(8)} ${'score s'.padStart(8)} ${'ROC-AUC'.padStart(8)} ${'PR-AUC'.padStart(8)}  within bound`);
const rows = [];
for (const name of names) {
  const d = createDetector(name);
  const data = { x, n: m.n, f, ...(edges && GRAPH_DETECTORS.includes(name) ? { context: graphContext(m, all, edges) } : {}) };
  const load0 = loadavg()[0];
  let t = performance.now();
  await d.fit(data, d.supervised ? labels : undefined, { seed: Number(a.seed) });
  const fit = (performance.now() - t) / 1000;
  t = performance.now();
  const s = await d.score(data);
  const score = (performance.now() - t) / 1000;
  d.dispose?.();
  const row = { detector: name, fitSeconds: +fit.toFixed(1), scoreSeconds: +score.toFixed(1), rocAuc: rocAuc(s, labels), prAuc: averagePrecision(s, labels), withinBound: fit <= BOUND, load: +load0.toFixed(1) };
  rows.push(row);
  console.log(`${name.padEnd(18)} ${row.fitSeconds.toFixed(1).padStart(8)} ${row.scoreSeconds.toFixed(1).padStart(8)} ${row.rocAuc.toFixed(3).padStart(8)} ${row.prAuc.toFixed(3).padStart(8)}  ${row.withinBound ? 'yes' : 'NO'} (load ${row.load})`);
}
console.log(JSON.stringify({ bench: 'baselines-scale', rows: m.n, features: f, positives, boundSeconds: BOUND, detectors: rows, source: features.slice(resolve('.').length + 1) }));

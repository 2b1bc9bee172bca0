// bench:compare — the issue's one comparison table on bench:detect's set and split
// (200 users × 180 days, subtle insiders of all five scenarios, le2020, seeds 1–3): every
// baseline detector (statistical, traditional ML, graph clustering, GNN; each on the plain
// features and, where it helps, with user/peer deviation inputs) beside the residual
// detectors of bench:detect, trained once and cached in the same place. Prints the table,
// which methods beat the best residual model, and ends with one JSON line.
//
//   npm run bench:compare [-- --seeds 1,2,3 --residual mlp-best,grid,… | all --only xgboost,ecod --fresh]
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runBaselines, DEFAULT_BASELINES, DEFAULT_GRAPH_BASELINES } from '../src/train/baselines.js';
import { detectorNames } from '../src/baselines/index.js';
import { compareResults, comparisonMarkdown, type ComparisonRow } from '../src/eval/compare.js';
import { RESULT, runFile, seedDir, findResults } from '../src/rundir/index.js';
import type { DeviationKind } from '../src/layout/prepare.js';
import { DETECT_ROOT, DETECT_SPLIT, RESIDUAL_ENTRIES, detectSet, detectEdges, residualRun } from './lib/detectSet.js';
import { GRAPH_DETECTORS } from '../src/baselines/graph/index.js';

const { values: a } = parseArgs({ options: {
  seeds: { type: 'string', default: '1,2,3' }, epochs: { type: 'string', default: '10' }, fresh: { type: 'boolean', default: false },
  residual: { type: 'string', default: 'mlp-skip-best-lin,mlp-skip-lin,mlp-skip-best,mlp-best,mlp,mlp-plain,mlp-dev,grid,grid-plain,history-dev,learned' }, only: { type: 'string' },
  users: { type: 'string', default: '200' }, days: { type: 'string', default: '180' }, intensity: { type: 'string', default: '0.5' },
} });
const seeds = a.seeds!.split(',').map(Number);
const t0 = performance.now();
const set = await detectSet({ users: Number(a.users), days: Number(a.days), intensity: Number(a.intensity) });
console.log(`data: ${set.gen.users} users × ${set.gen.days} days, ${set.gen.insiders} insiders (scenarios 1-5, intensity ${set.gen.intensity}); ${set.rows} user-days, ${set.insiderRows} malicious; split le2020, seeds ${seeds.join(', ')}`);

const blRoot = join(DETECT_ROOT, 'runs', 'compare');
if (a.fresh) rmSync(blRoot, { recursive: true, force: true });
const detectors = a.only ? a.only.split(',') : [...DEFAULT_BASELINES, ...DEFAULT_GRAPH_BASELINES, 'louvain_pc', 'louvain_email', 'louvain_web'];
const edges = detectors.some((d) => GRAPH_DETECTORS.includes(d)) ? await detectEdges(set) : undefined;
for (const d of detectors) if (!detectorNames.includes(d)) throw new Error(`unknown detector '${d}' (known: ${detectorNames.join(', ')})`);
// Deviation inputs are the statistical baselines' own idea (deviation from one's history
// and peers); every detector gets them as a second configuration, and deviation with the
// rank-Gauss normalisation of the best residual recipe as a third, so each is in its best one.
const runDirs: string[] = [];
const CONFIGS: { tag: string; dev: DeviationKind[]; quantile: boolean }[] = [
  { tag: 'plain', dev: [], quantile: false },
  { tag: 'deviation', dev: ['user', 'peer'], quantile: false },
  { tag: 'deviation-quantile', dev: ['user', 'peer'], quantile: true },
];
for (const { tag, dev, quantile } of CONFIGS) {
  for (const name of detectors) {
    const out = join(blRoot, tag);
    // The first two configurations keep their cache keys from before the third existed.
    const key = { features: set.featuresKey, split: DETECT_SPLIT, seeds, dev, name, edges: GRAPH_DETECTORS.includes(name), ...(quantile ? { normalize: 'quantile' } : {}) };
    const r = await set.cache.run(`compare-${tag}-${name}`, key, seeds.map((s) => runFile(seedDir(out, name, s), RESULT)), async () =>
      (await runBaselines({ features: set.features, detectors: [name], split: DETECT_SPLIT, seeds, prepare: { deviation: dev, ...(quantile ? { normalize: 'quantile' as const } : {}) }, edges: GRAPH_DETECTORS.includes(name) ? edges : undefined }, out)).map((x) => ({ pr: x.averagePrecision, fit: x.fitSeconds })));
    const pr = r.result.map((x) => x.pr), fit = r.result.map((x) => x.fit);
    console.log(`${`${name}${dev.length ? ' + deviation' : ''}${quantile ? ' · rank-Gauss' : ''}`.padEnd(32)} PR-AUC ${pr.map((x) => x.toFixed(3)).join(' ')}  fit ${fit.map((x) => x.toFixed(1)).join(' ')} s${r.cached ? ' (cached)' : ''}`);
    for (const s of seeds) runDirs.push(seedDir(out, name, s));
  }
}
const residualIds = a.residual === 'all' ? RESIDUAL_ENTRIES.map((e) => e.id) : a.residual!.split(',');
for (const id of residualIds) {
  const e = RESIDUAL_ENTRIES.find((x) => x.id === id);
  if (!e) throw new Error(`unknown residual entry '${id}' (known: ${RESIDUAL_ENTRIES.map((x) => x.id).join(', ')})`);
  for (const seed of seeds) runDirs.push(await residualRun(set, e, seed, Number(a.epochs), console.log));
}

const rows = compareResults(findResults(runDirs.filter((d) => existsSync(d))));
console.log('\n' + comparisonMarkdown(rows));
const residualMethods = new Set(findResults(runDirs.filter((d) => existsSync(d) && !d.startsWith(blRoot))).map((r) => r.method));
const isResidual = (r: ComparisonRow) => residualMethods.has(r.method);
const bestRes = rows.filter(isResidual)[0];
const beaters = rows.filter((r) => !isResidual(r) && bestRes && r.prAuc.mean > bestRes.prAuc.mean);
const bestBase = rows.filter((r) => !isResidual(r))[0];
console.log(`best residual model: ${bestRes?.method} PR-AUC ${bestRes?.prAuc.mean.toFixed(3)} ± ${bestRes?.prAuc.sd.toFixed(3)}`);
console.log(`best baseline (anchor): ${bestBase?.method} PR-AUC ${bestBase?.prAuc.mean.toFixed(3)} ± ${bestBase?.prAuc.sd.toFixed(3)}`);
console.log(`ratio (best residual / best baseline, mean of ${seeds.length} seeds): ${bestRes && bestBase ? (bestRes.prAuc.mean / bestBase.prAuc.mean).toFixed(2) : '—'}`);
console.log(beaters.length ? `baselines ahead of the best residual model on PR-AUC: ${beaters.map((r) => r.method).join('; ')}` : 'no baseline is ahead of the best residual model on PR-AUC');
console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s)`);
console.log(JSON.stringify({
  bench: 'compare', data: { ...set.gen, rows: set.rows, maliciousRows: set.insiderRows }, split: DETECT_SPLIT, seeds,
  rows: rows.map((r) => ({ method: r.method, residual: isResidual(r), runs: r.runs, rocAuc: r.rocAuc, prAuc: r.prAuc, drAt5: r.drAt5, recallAt: r.recallAt, caughtAt: r.caughtAt, perScenario: r.perScenario, insidersTotal: r.insidersTotal, macs: r.macs, trainSeconds: r.trainSeconds })),
  bestResidual: bestRes?.method, bestBaseline: bestBase?.method, ratio: bestRes && bestBase ? bestRes.prAuc.mean / bestBase.prAuc.mean : null, aheadOfResidual: beaters.map((r) => r.method),
}));

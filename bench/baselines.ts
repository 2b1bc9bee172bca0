// bench:baselines — ROC-AUC, PR-AUC and fit seconds of reslab's baseline detectors on one
// seeded train/test split, against scikit-learn fitted on the same arrays
// (bench/baselines_sklearn.py): xgboost vs HistGradientBoostingClassifier (Debian has no
// Python xgboost), random_forest vs RandomForestClassifier, isolation_forest vs
// IsolationForest, logistic vs LogisticRegression; ecod, copod, zscore, pca and knn are
// reported without an anchor (none in scikit-learn). Ends stdout with one JSON line.
// Both sides get the same thread count and OpenMP wait policy; on a shared, busy machine
// run it with OMP_WAIT_POLICY=PASSIVE (spinning OpenMP workers of XGBoost and
// HistGradientBoosting otherwise steal each other's cores; 2-3x on fit times here).
//
//   node --import tsx bench/baselines.ts [--rows 20000] [--features 100] [--seed 1]
//        [--parquet features.parquet] [--quick]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDetector, type TabularData } from '../src/baselines/index.js';
import { reslabThreads } from '../src/util/threads.js';
import { Rng } from '../src/util/rng.js';
import { averagePrecision, rocAuc } from '../src/eval/index.js';
import { runPythonAnchor } from './lib/anchor.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000' },
    features: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    parquet: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const seed = Number(args.seed);

/**
 * A seeded imbalanced table: Gaussian and heavy-tailed (count-like) columns, and a label
 * that is 1 for the top 1 % of a nonlinear latent score (an interaction, a gated term, a
 * square), so linear models cannot get it all and trees can.
 */
function synthetic(n: number, f: number): { data: TabularData; labels: Uint8Array } {
  const rng = new Rng(seed, 0xba5e);
  const x = new Float32Array(n * f);
  const latent = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = i * f;
    for (let j = 0; j < f; j++) x[r + j] = j % 3 === 2 ? Math.floor(rng.lognormal(0.5, 1)) : rng.normal();
    latent[i] = 1.5 * x[r] * x[r + 1] + 2 * (x[r + 3] > 1 ? x[r + 4] : 0) + x[r + 6] ** 2 / 2 + 0.3 * x[r + 2] + 0.5 * rng.normal();
  }
  const cut = Float64Array.from(latent).sort()[Math.floor(0.99 * n)];
  const labels = Uint8Array.from(latent, (v) => (v > cut ? 1 : 0));
  return { data: { x, n, f }, labels };
}

async function load(): Promise<{ data: TabularData; labels: Uint8Array; source: string }> {
  if (!args.parquet) {
    const n = args.quick ? 5000 : Number(args.rows), f = Number(args.features);
    return { ...synthetic(n, f), source: `synthetic ${n} x ${f}, 1 % positives, seed ${seed}` };
  }
  const { loadFeatureMatrix } = await import('../src/data/cert/matrix.js');
  const m = await loadFeatureMatrix(args.parquet);
  if (!m.insider) throw new Error(`${args.parquet}: no insider label column`);
  return { data: { x: m.values, n: m.n, f: m.columns.length }, labels: Uint8Array.from(m.insider, (v) => (v > 0 ? 1 : 0)), source: `${args.parquet} (${m.n} x ${m.columns.length})` };
}

/** A seeded 70/30 split, stratified so both sides hold positives. */
function split(d: TabularData, y: Uint8Array) {
  const rng = new Rng(seed, 0x5911);
  const trainIdx: number[] = [], testIdx: number[] = [];
  for (const cls of [0, 1]) {
    const rows = [...y.keys()].filter((i) => y[i] === cls);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    const cut = Math.round(rows.length * 0.7);
    trainIdx.push(...rows.slice(0, cut));
    testIdx.push(...rows.slice(cut));
  }
  const take = (idx: number[]) => {
    idx.sort((a, b) => a - b);
    const x = new Float32Array(idx.length * d.f);
    idx.forEach((r, k) => x.set(d.x.subarray(r * d.f, (r + 1) * d.f), k * d.f));
    return { data: { x, n: idx.length, f: d.f }, labels: Uint8Array.from(idx, (r) => y[r]) };
  };
  return { train: take(trainIdx), test: take(testIdx) };
}

type Figures = { roc_auc: number; pr_auc: number; fit_s: number; score_s: number };
const ANCHORED = ['xgboost', 'random_forest', 'isolation_forest', 'logistic'];
const UNANCHORED = ['ecod', 'copod', 'zscore', 'pca', 'knn'];

const { data, labels, source } = await load();
const { train, test } = split(data, labels);
const nThreads = reslabThreads();

const dir = mkdtempSync(join(tmpdir(), 'reslab-bench-baselines-'));
let anchor: { sklearn: string; threads: number; models: Record<string, Figures> };
try {
  const files = { xtrain: join(dir, 'xtrain.f32'), ytrain: join(dir, 'ytrain.u8'), xtest: join(dir, 'xtest.f32'), ytest: join(dir, 'ytest.u8') };
  writeFileSync(files.xtrain, train.data.x);
  writeFileSync(files.ytrain, train.labels);
  writeFileSync(files.xtest, test.data.x);
  writeFileSync(files.ytest, test.labels);
  const here = dirname(fileURLToPath(import.meta.url));
  anchor = runPythonAnchor(join(here, 'baselines_sklearn.py'), { ...files, f: data.f, seed, threads: nThreads, models: ANCHORED },
    { OMP_NUM_THREADS: String(nThreads) });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function measure(name: string): Promise<Figures> {
  const d = createDetector(name);
  let t = performance.now();
  await d.fit(train.data, d.supervised ? train.labels : undefined, { seed });
  const fit_s = (performance.now() - t) / 1000;
  t = performance.now();
  const s = await d.score(test.data);
  const score_s = (performance.now() - t) / 1000;
  d.dispose?.();
  return { roc_auc: rocAuc(s, test.labels), pr_auc: averagePrecision(s, test.labels), fit_s, score_s };
}

const ours: Record<string, Figures> = {};
for (const name of [...ANCHORED, ...UNANCHORED]) ours[name] = await measure(name);

const anchorName: Record<string, string> = {
  xgboost: 'HistGradientBoosting', random_forest: 'RandomForest', isolation_forest: 'IsolationForest', logistic: 'LogisticRegression',
};
const pos = test.labels.reduce((a, b) => a + b, 0);
const waitPolicy = process.env.OMP_WAIT_POLICY ?? 'default';
console.log(`bench:baselines — ${source}; train ${train.data.n}, test ${test.data.n} (${pos} positive); ${nThreads} threads, OMP_WAIT_POLICY ${waitPolicy}; scikit-learn ${anchor.sklearn}`);
console.log('detector           ROC-AUC  sklearn  ratio    PR-AUC  sklearn  ratio    fit s  sklearn  ratio  anchor');
const fmt = (v: number | undefined, w: number, d: number) => (v === undefined ? '-' : v.toFixed(d)).padStart(w);
const rows: Record<string, unknown>[] = [];
for (const [name, r] of Object.entries(ours)) {
  const a = anchor.models[name];
  const row = {
    detector: name, ...r,
    ...(a ? {
      anchor: anchorName[name], sklearn_roc_auc: a.roc_auc, sklearn_pr_auc: a.pr_auc, sklearn_fit_s: a.fit_s, sklearn_score_s: a.score_s,
      roc_auc_ratio: r.roc_auc / a.roc_auc, pr_auc_ratio: r.pr_auc / a.pr_auc, fit_s_ratio: r.fit_s / a.fit_s,
    } : {}),
  };
  rows.push(row);
  console.log(`${name.padEnd(17)} ${fmt(r.roc_auc, 8, 4)} ${fmt(a?.roc_auc, 8, 4)} ${fmt(a && r.roc_auc / a.roc_auc, 6, 3)}  ${fmt(r.pr_auc, 8, 4)} ${fmt(a?.pr_auc, 8, 4)} ${fmt(a && r.pr_auc / a.pr_auc, 6, 3)}  ${fmt(r.fit_s, 7, 2)} ${fmt(a?.fit_s, 8, 2)} ${fmt(a && r.fit_s / a.fit_s, 6, 2)}  ${a ? anchorName[name] : '(none)'}`);
}
console.log(JSON.stringify({ bench: 'baselines', source, train_rows: train.data.n, test_rows: test.data.n, test_positives: pos, features: data.f, threads: nThreads, omp_wait_policy: waitPolicy, seed, sklearn: anchor.sklearn, detectors: rows }));

// bench:graph — what the graph-clustering baseline costs and gives.
//
//  1. `--edges` on feature extraction: day features of the `small` profile (and of any
//     release directories named with --slice) extracted without and with edges,
//     alternately, twice each; the extra wall and CPU seconds (process CPU, DuckDB's
//     threads included) and the edge rows.
//  2. The louvain detector on a generated set (default 350 users × 250 days, r5.2, all
//     five scenarios at intensity 0.5: ~50 k user-days) through `reslab baselines`' runner
//     on Le et al.'s split, next to zscore and isolation_forest: ROC-AUC, PR-AUC, fit and
//     score seconds, and the period partitions timed alone per kind. Extrapolation to
//     r4.2 (1,000 users, ~500 days, ~300 k rows): partitions scale with periods × graph size
//     (users, with edges per user about constant), the per-row components with rows.
//
// Datasets and features are cached under .cache/bench/graph. Ends stdout with one JSON line.
//
//   OMP_WAIT_POLICY=PASSIVE node --import tsx bench/graph.ts [--users 350] [--days 250] [--slice DIR,…] [--seeds 1]
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generate, resolveProfile } from '../src/data/synth/index.js';
import { extractFeatures, type FeatureSummary } from '../src/data/cert/index.js';
import { edgesPathFor } from '../src/data/cert/edges.js';
import { loadFeatureMatrix } from '../src/data/cert/matrix.js';
import { DayIndex } from '../src/baselines/graph/dayIndex.js';
import { loadEdges } from '../src/baselines/graph/load.js';
import { periodPartitions } from '../src/baselines/graph/periods.js';
import { runBaselines } from '../src/train/baselines.js';
import { StageCache } from '../src/util/stages.js';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '350' },
    days: { type: 'string', default: '250' },
    slice: { type: 'string', default: '' },
    seeds: { type: 'string', default: '1' },
  },
});
const ROOT = resolve('.cache', 'bench', 'graph');
const cache = new StageCache(ROOT);
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const seconds = (t0: number) => (performance.now() - t0) / 1000;

// 1. The price of --edges.
async function edgesCost(label: string, data: string): Promise<Record<string, unknown>> {
  const out = join(ROOT, 'cost', label.replace(/[^\w.-]/g, '_'), 'day.parquet');
  const runs: { edges: boolean; wall: number; cpu: number; s: FeatureSummary }[] = [];
  for (let rep = 0; rep < 2; rep++) {
    for (const edges of [false, true]) {
      const c0 = process.cpuUsage(), t0 = performance.now();
      const s = await extractFeatures({ data, granularity: 'day', out, quiet: true, edges, resume: false });
      const c = process.cpuUsage(c0);
      runs.push({ edges, wall: seconds(t0), cpu: (c.user + c.system) / 1e6, s });
    }
  }
  const mean = (edges: boolean, k: 'wall' | 'cpu') => runs.filter((r) => r.edges === edges).reduce((a, r) => a + r[k], 0) / 2;
  const e = runs.find((r) => r.edges)!.s;
  const events = Object.values(e.events).reduce((a, b) => a + b, 0);
  const row = {
    label, events, rows: e.rows,
    wallWithout: mean(false, 'wall'), wallWith: mean(true, 'wall'), cpuWithout: mean(false, 'cpu'), cpuWith: mean(true, 'cpu'),
    edgeStageSeconds: runs.filter((r) => r.edges).map((r) => r.s.edges!.seconds), edgeRows: e.edges!.rows, load: load(),
  };
  console.log(`${label.padEnd(10)} ${events.toLocaleString('en')} events: without edges ${row.wallWithout.toFixed(1)} s wall / ${row.cpuWithout.toFixed(1)} s CPU, with ${row.wallWith.toFixed(1)} / ${row.cpuWith.toFixed(1)} s `
    + `(+${(row.wallWith - row.wallWithout).toFixed(1)} s wall, +${(row.cpuWith - row.cpuWithout).toFixed(1)} s CPU, +${(100 * (row.cpuWith / row.cpuWithout - 1)).toFixed(0)} % CPU); edge rows ${JSON.stringify(row.edgeRows)}; load ${row.load}`);
  return row;
}

const small = join(ROOT, 'small');
await cache.run('small', { profile: 'small', seed: 1 }, [join(small, 'answers', 'insiders.csv')], async () => (await generate({ ...resolveProfile('small'), seed: 1, out: small, quiet: true })).events);
const cost = [await edgesCost('small', small)];
for (const dir of args.slice.split(',').filter((s) => s)) cost.push(await edgesCost(dir.split('/').slice(-2).join('/'), resolve(dir)));

// 2. The detector on ~50 k rows.
const U = Number(args.users), D = Number(args.days);
const gen = { release: 'r5.2' as const, users: U, days: D, start: '2010-01-04', insiders: Math.min(20, Math.floor(U / 4)), scenarios: [1, 2, 3, 4, 5], intensity: 0.5, seed: 11 };
const data = join(ROOT, `set-${U}x${D}`);
const g = await cache.run(`generate-${U}x${D}`, gen, [join(data, 'answers', 'insiders.csv')], async () => (await generate({ ...gen, out: data, quiet: true })).events);
const features = join(ROOT, `set-${U}x${D}-features`, 'day.parquet');
const fx = await cache.run(`features-${U}x${D}`, { gen: g.key, edges: true }, [features, edgesPathFor(features)], async () => {
  const s = await extractFeatures({ data, granularity: 'day', out: features, quiet: true, edges: true });
  return { rows: s.rows, edgeRows: s.edges!.rows };
});
console.log(`\nset ${U} users × ${D} days: ${fx.result.rows} rows, edges ${JSON.stringify(fx.result.edgeRows)}`);

const matrix = await loadFeatureMatrix(features);
const edges = await loadEdges(edgesPathFor(features), matrix.users);
const partitions: Record<string, { seconds: number; periods: number }> = {};
for (const list of edges) {
  const t0 = performance.now();
  const pp = periodPartitions(new DayIndex(list, matrix.users.length), list.kind, { periodDays: 7, windowDays: 28, minUsers: 2, maxTargets: 50, maxUsers: 50, resolution: 1, seed: 1 });
  partitions[list.kind] = { seconds: seconds(t0), periods: pp.partitions.length };
}
const seeds = args.seeds.split(',').map(Number);
const t0 = performance.now();
const rows = await runBaselines({ features, detectors: ['louvain', 'louvain_pc', 'louvain_email', 'louvain_web', 'zscore', 'isolation_forest'], split: { kind: 'le2020', trainUsers: 0.6 }, seeds }, join(ROOT, 'runs', `${U}x${D}`), () => {}, matrix);
const total = seconds(t0);

console.log(`\n${'detector'.padEnd(17)} ${'seed'.padStart(4)} ${'ROC-AUC'.padStart(8)} ${'PR-AUC'.padStart(8)} ${'fit s'.padStart(7)} ${'score s'.padStart(8)}`);
for (const r of rows) console.log(`${r.detector.padEnd(17)} ${String(r.seed).padStart(4)} ${r.rocAuc.toFixed(3).padStart(8)} ${r.averagePrecision.toFixed(3).padStart(8)} ${r.fitSeconds.toFixed(1).padStart(7)} ${r.scoreSeconds.toFixed(1).padStart(8)}`);
const lv = rows.filter((r) => r.detector === 'louvain');
const fitScore = lv.reduce((a, r) => a + r.fitSeconds + r.scoreSeconds, 0) / lv.length;
const partSeconds = Object.values(partitions).reduce((a, p) => a + p.seconds, 0);
// r4.2: ~72 weeks × 5× the users for the partitions; 6× the rows for the rest.
const periodsHere = Math.max(...Object.values(partitions).map((p) => p.periods));
const partScale = (500 / 7 / periodsHere) * (1000 / U), rowScale = 300_000 / matrix.n;
const projected = partSeconds * partScale + Math.max(0, fitScore - partSeconds) * rowScale;
console.log(`\npartitions alone: ${Object.entries(partitions).map(([k, p]) => `${k} ${p.seconds.toFixed(1)} s (${p.periods} periods)`).join(', ')}`);
console.log(`louvain fit+score ${fitScore.toFixed(1)} s on ${matrix.n} rows → r4.2 (≈ ×${partScale.toFixed(0)} partitions, ×${rowScale.toFixed(1)} rows) ≈ ${projected.toFixed(0)} s; load ${load()}`);
console.log(JSON.stringify({ bench: 'graph', edgesCost: cost, set: { users: U, days: D, rows: matrix.n, edgeRows: fx.result.edgeRows }, partitions, results: rows.map(({ dir: _d, ...r }) => r), louvainFitScoreSeconds: fitScore, projectedR42Seconds: projected, runnerSeconds: total, load: load() }));

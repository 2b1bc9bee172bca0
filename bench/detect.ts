// bench:detect — the detection contest on a hard generated set: 200 users × 180 days,
// all five scenarios at intensity 0.5 (subtle insiders), Le et al.'s by-user-and-time
// split, several seeds. Every residual layout and its plain twin against the tree
// ensembles (the anchor: XGBoost's random forest and gradient boosting, in their default
// best configuration — class-weighted, hist trees) on the same features, split and
// metrics, in the same run. Prints the comparison table, the best residual model's PR-AUC
// over the best tree ensemble's (mean of the seeds), throughput in user-days/s and the
// projected epoch time over 300 k user-days (the r4.2 profile's size); ends with one JSON line.
//
//   npm run bench:detect [-- --seeds 1,2,3 --epochs 12 --only grid,history --fresh]
// Runs are cached under .cache/bench/detect (keyed by their options); --fresh redoes them.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runBaselines } from '../src/train/baselines.js';
import { compareResults, comparisonMarkdown, type ComparisonRow } from '../src/eval/compare.js';
import { RESULT, runFile, seedDir, findResults } from '../src/rundir/index.js';
import * as torch from '../src/torch/index.js';
import { createModel } from '../src/models/index.js';
import { AdamW } from '../src/optim/index.js';
import type { DeviationKind } from '../src/layout/prepare.js';
import { headlineRecipe } from '../src/contest/methods.js';
import { DETECT_ROOT, DETECT_SPLIT, RESIDUAL_ENTRIES, detectSet, residualRun } from './lib/detectSet.js';

const { values: a } = parseArgs({ options: {
  seeds: { type: 'string', default: '1,2,3' }, epochs: { type: 'string', default: '10' }, only: { type: 'string' }, fresh: { type: 'boolean', default: false },
  users: { type: 'string', default: '200' }, days: { type: 'string', default: '180' }, intensity: { type: 'string', default: '0.5' },
} });
const seeds = a.seeds!.split(',').map(Number);
const epochs = Number(a.epochs);
if (a.fresh) rmSync(join(DETECT_ROOT, 'runs'), { recursive: true, force: true });
const set = await detectSet({ users: Number(a.users), days: Number(a.days), intensity: Number(a.intensity) });
const { cache, features, gen } = set;
const f = { key: set.featuresKey, result: { rows: set.rows, insiderRows: set.insiderRows } };
console.log(`data: ${gen.users} users × ${gen.days} days, ${gen.insiders} insiders of scenarios 1-5 at intensity ${gen.intensity}; ${f.result.rows} user-days, ${f.result.insiderRows} malicious`);

const split = DETECT_SPLIT;
const only = a.only ? new Set(a.only.split(',')) : null;
const entries = RESIDUAL_ENTRIES.filter((e) => !only || only.has(e.id));

const runDirs: string[] = [];
// The anchor first: the tree ensembles on the same split, plain and with deviation inputs.
const TREES = ['random_forest', 'xgboost'];
const blDir = join(DETECT_ROOT, 'runs', 'baselines');
for (const dev of [[], ['user', 'peer']] as DeviationKind[][]) {
  const out = join(blDir, dev.length ? 'deviation' : 'plain');
  await cache.run(`baselines-${dev.join('-') || 'plain'}`, { features: f.key, split, seeds, dev }, TREES.flatMap((t) => seeds.map((s) => runFile(seedDir(out, t, s), RESULT))), async () =>
    (await runBaselines({ features, detectors: TREES, split, seeds, prepare: { deviation: dev } }, out)).length);
  runDirs.push(out);
}
// The headline is the recorded contest's best recipe (`best`), chosen on other worlds: the
// post-hoc best of this table is picked on this world's test split, so it flatters.
const headline = headlineRecipe();
const headlineDirs: string[] = [];
for (const e of entries) for (const seed of seeds) {
  const dir = await residualRun(set, e, seed, epochs, console.log);
  runDirs.push(dir);
  if (e.id === headline) headlineDirs.push(dir);
}
const rows = compareResults(findResults(runDirs.filter((d) => existsSync(d))));
console.log('\n' + comparisonMarkdown(rows));

const isTree = (r: ComparisonRow) => TREES.some((t) => r.method.startsWith(t));
const bestTree = rows.filter(isTree).sort((x, y) => y.prAuc.mean - x.prAuc.mean)[0];
const bestRes = rows.filter((r) => !isTree(r)).sort((x, y) => y.prAuc.mean - x.prAuc.mean)[0];
const headRow = headlineDirs.length ? compareResults(findResults(headlineDirs))[0] : undefined;
const ratio = headRow && bestTree ? headRow.prAuc.mean / bestTree.prAuc.mean : null;
console.log(`headline residual (best, from the recorded contest): ${headRow ? `${headline} PR-AUC ${headRow.prAuc.mean.toFixed(3)} ± ${headRow.prAuc.sd.toFixed(3)}` : `${headline} not run (--only)`}`);
console.log(`best residual of this table (picked on its test split, optimistic): ${bestRes?.method} PR-AUC ${bestRes?.prAuc.mean.toFixed(3)} ± ${bestRes?.prAuc.sd.toFixed(3)}`);
console.log(`best tree ensemble (anchor): ${bestTree?.method} PR-AUC ${bestTree?.prAuc.mean.toFixed(3)} ± ${bestTree?.prAuc.sd.toFixed(3)}`);
console.log(`ratio (headline residual / trees, mean of ${seeds.length} seeds): ${ratio?.toFixed(2) ?? '—'}  → ${ratio === null ? 'no headline run' : ratio > 1 ? 'the residual model wins' : 'the trees win'} on this one world`);
// Throughput: training user-days per second as measured per epoch; an epoch over the r4.2
// profile's 300 k user-days would take 300 k / that.
const speed = findResults(runDirs.filter((d) => existsSync(d) && !d.startsWith(blDir)));
const perMethod = new Map<string, number[]>();
for (const r of speed) if (r.epochSeconds) perMethod.set(r.method, [...(perMethod.get(r.method) ?? []), r.epochSeconds]);
console.log(`\n${'method'.padEnd(52)} ${'MACs/sample'.padStart(12)} ${'s/epoch here'.padStart(13)}`);
for (const row of rows.filter((r) => !isTree(r))) console.log(`${row.method.padEnd(52)} ${(((row.macs ?? 0) / 1e6).toFixed(2) + ' M').padStart(12)} ${(row.epochSeconds?.mean ?? 0).toFixed(1).padStart(13)}`);
// Training throughput at the layouts' real shapes (with user+peer deviation channels, the
// widest inputs), timed on random batches after warm-up: the projected epoch over 300 k
// user-days is the figure the issue bounds (≤ 2 minutes on 2 cores).
const shapes: [string, number[]][] = [['detect_grid_resnet', [4, 6, 246]], ['detect_seq_resnet', [3, 717]], ['detect_learned_resnet', [3, 717]], ['detect_image_resnet', [4, 32, 32]], ['detect_history_resnet', [3 * 717 + 1, 28]], ['detect_mlp_resnet', [3 * 717]]];
const throughput: { model: string; input: string; samplesPerSec: number; epoch300k: number }[] = [];
for (const [name, shape] of shapes) {
  const model = createModel(name, { input: shape });
  const opt = new AdamW(model.parameters(), { lr: 1e-3 });
  const step = () => torch.tidy(() => {
    const x = torch.randn([256, ...shape]);
    const y = torch.rand([256]).gt(0.9).float();
    opt.zeroGrad();
    torch.F.binaryCrossEntropyWithLogits(model.forward(x).select(1, 0), y).backward();
    opt.step();
  });
  for (let i = 0; i < 3; i++) step();
  const t0 = performance.now();
  const steps = 15;
  for (let i = 0; i < steps; i++) step();
  const sps = (steps * 256) / ((performance.now() - t0) / 1000);
  throughput.push({ model: name, input: shape.join('x'), samplesPerSec: Math.round(sps), epoch300k: +(300_000 / sps).toFixed(1) });
  opt.dispose(); model.dispose();
}
console.log(`\n${'model'.padEnd(24)} ${'input'.padEnd(10)} ${'user-days/s'.padStart(12)} ${'epoch of 300 k'.padStart(15)}`);
for (const t of throughput) console.log(`${t.model.padEnd(24)} ${t.input.padEnd(10)} ${String(t.samplesPerSec).padStart(12)} ${(t.epoch300k.toFixed(0) + ' s').padStart(15)}`);

console.log(JSON.stringify({
  bench: 'detect', data: { ...gen, rows: f.result.rows, maliciousRows: f.result.insiderRows }, split, seeds, epochs,
  rows: rows.map((r) => ({ method: r.method, runs: r.runs, rocAuc: r.rocAuc, prAuc: r.prAuc, drAt5: r.drAt5, recallAt: r.recallAt, caughtAt: r.caughtAt, insidersTotal: r.insidersTotal, macs: r.macs, trainSeconds: r.trainSeconds, epochSeconds: r.epochSeconds })),
  headline, bestResidual: bestRes?.method, bestTree: bestTree?.method, ratio, throughput,
}));

// bench:shattered — Balduzzi et al. 2017, "The shattered gradients problem", measured:
// (1) at init, their scalar-input nets (width 200, 256 points on [−2, 2]) plain, resnet and
// preact, with and without batch norm, at depths 2…50 over several seeds; (2) the same nets
// (BN, depth 20) after fitting sin(πx) by regression; (3) if Fashion-MNIST is installed, a
// small ResNet-32 and its plain twin trained through `reslab train --images`' code, swept
// between training rows, trained against fresh init. The plain nets are the anchor. Prints
// the numbers beside the paper's claims with a verdict computed from them, writes each
// study's shattered.json under out/bench-shattered/ (for `reslab report --analysis`) and
// ends with one JSON line. --quick: fewer depths, seeds and steps (a smoke run).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import * as torch from '../src/torch/index.js';
import { ARCHS, freezeBatchStats } from '../src/analysis/shattered/nets.js';
import { runSweepStudy, summarise, axisLine, sweepNetGradient, seriesName, type ShatteredSeries, type ShatteredStudy } from '../src/analysis/shattered/study.js';
import { lineGradient, lineInputs, lineScores } from '../src/analysis/shattered/sweep.js';
import { fitSweepNet, sineTarget } from '../src/analysis/shattered/train.js';
import { runRunStudy } from '../src/analysis/shattered/run.js';
import { formatShattered } from '../src/analysis/shattered/format.js';
import { sweepClaims, keepsMore } from '../src/analysis/shattered/claims.js';
import type { Claim } from '../src/analysis/claims.js';
import { runImages, DEFAULT_IMAGE_RUN } from '../src/train/imageRun.js';
import { mean } from '../src/util/stats.js';
import { writeFileAtomic } from '../src/util/atomic.js';

const argv = process.argv.slice(2);
const flag = (name: string, def: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : def; };
const quick = argv.includes('--quick');
const data = resolve(flag('data', '/usr/share/datasets/fashion-mnist'));
const outDir = resolve(flag('out', 'out/bench-shattered'));
const S = {
  depths: quick ? [2, 8, 20] : [2, 4, 8, 16, 32, 50], seeds: quick ? [1, 2] : [1, 2, 3, 4, 5], width: 200, points: 256,
  trainDepth: 20, trainSeeds: quick ? [1] : [1, 2, 3], steps: quick ? 100 : 400, batch: 128, lr: 1e-3,
  imageLimit: quick ? 1000 : 5000, imageEpochs: quick ? 1 : 2, runSeeds: quick ? [1, 2] : [1, 2, 3, 4, 5],
};
const t0 = performance.now();
const log = (s: string) => console.log(s);
const secs = () => ((performance.now() - t0) / 1000).toFixed(0);
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
const save = (dir: string, study: ShatteredStudy, claims?: Claim[]) => writeFileAtomic(join(dir, 'shattered.json'), JSON.stringify(claims ? { ...study, claims } : study, null, 2) + '\n');

log(`bench:shattered — Balduzzi et al. 2017 on reslab's engine; ${torch.getNumThreads()} threads, OMP_WAIT_POLICY=${process.env.OMP_WAIT_POLICY ?? '(unset)'}, load ${loadavg()[0].toFixed(2)}`);
log(`at init: width ${S.width}, ${S.points} points on [-2, 2], depths ${S.depths.join(', ')}, seeds ${S.seeds.join(', ')}; depth = hidden weight layers (residual: 2 per block)`);

// (1) At init.
const init = runSweepStudy({ archs: [...ARCHS], depths: S.depths, width: S.width, points: S.points, seeds: S.seeds, batchNorm: [true, false] });
const band = init.whiteNoise;
log(`[${secs()} s] at init:\n`);
log(formatShattered(init));

// (2) After fitting sin(πx): each net at init and trained, on the same sweep, BN statistics from the sweep.
log(`\n[${secs()} s] fitting sin(πx) on [-2, 2]: depth ${S.trainDepth}, BN, ${S.steps} Adam steps of ${S.batch} points (lr ${S.lr}), seeds ${S.trainSeeds.join(', ')}`);
const line = axisLine(S.points);
const target = torch.keep(sineTarget(lineInputs(line)).select(1, 0));
const fit: { arch: string; seed: number; lossFirst: number; lossLast: number; sweepMse: number; seconds: number }[] = [];
const trainedCurves = new Map<string, Float64Array[]>();
for (const arch of ARCHS) {
  for (const seed of S.trainSeeds) {
    const t1 = performance.now();
    const spec = { arch, depth: S.trainDepth, width: S.width, batchNorm: true };
    const f = fitSweepNet(spec, seed, { steps: S.steps, batch: S.batch, lr: S.lr, target: sineTarget });
    freezeBatchStats(f.net, lineInputs(line));
    const name = `${seriesName(arch, true)} trained`, before = `${seriesName(arch, true)} init`;
    trainedCurves.set(name, [...(trainedCurves.get(name) ?? []), lineGradient(f.net, line, (z) => z.select(1, 0))]);
    // The same seed builds the same init, so each trained net is compared with itself before training.
    trainedCurves.set(before, [...(trainedCurves.get(before) ?? []), sweepNetGradient(arch, S.trainDepth, S.width, true, seed, line)]);
    const out = lineScores(f.net, line, (z) => z.select(1, 0));
    const sweepMse = mean(Array.from(out, (v, i) => (v - target.toFlatArray()[i]) ** 2));
    f.net.dispose();
    fit.push({ arch, seed, lossFirst: f.lossFirst, lossLast: f.lossLast, sweepMse, seconds: (performance.now() - t1) / 1000 });
  }
}
const trained: ShatteredSeries[] = [...trainedCurves].map(([name, curves]) => summarise(name, S.trainDepth, S.trainSeeds, line.t, curves, 20));
log(`[${secs()} s] fitted\n`);
log('  net              r at init     r trained   MSE first → last tenth of training   MSE on the sweep   s per net');
for (const arch of ARCHS) {
  const r = trained.find((x) => x.series === `${seriesName(arch, true)} trained`)!;
  const fa = fit.filter((x) => x.arch === arch);
  const i0 = trained.find((x) => x.series === `${seriesName(arch, true)} init`)!;
  log(`  ${seriesName(arch, true).padEnd(12)}  ${f2(i0.neighbour.mean).padStart(5)} ± ${f2(i0.neighbour.sd)}   ${f2(r.neighbour.mean).padStart(5)} ± ${f2(r.neighbour.sd)}   ${f2(mean(fa.map((x) => x.lossFirst)))} → ${f2(mean(fa.map((x) => x.lossLast)))}`.padEnd(92) +
    `${mean(fa.map((x) => x.sweepMse)).toFixed(3).padStart(8)}   ${mean(fa.map((x) => x.seconds)).toFixed(1).padStart(8)}`);
}
target.dispose(); line.start.dispose(); line.direction.dispose();
const trainedStudy: ShatteredStudy = {
  kind: 'sweep-nets', model: `sweep nets fitted to sin(πx), width ${S.width}`, points: S.points, whiteNoise: band,
  options: { depth: S.trainDepth, width: S.width, steps: S.steps, batch: S.batch, lr: S.lr, seeds: S.trainSeeds, range: [-2, 2], batchStats: 'the sweep batch, frozen' },
  results: trained,
};

// (3) Fashion-MNIST: a ResNet and its plain twin, trained briefly, trained against fresh init.
type ImageFigures = { model: string; testError: number; trained: ShatteredSeries; fresh: ShatteredSeries; seconds: number };
const images: ImageFigures[] = [];
if (existsSync(join(data, 'train-images-idx3-ubyte.gz')) || existsSync(join(data, 'train-images-idx3-ubyte'))) {
  log(`\n[${secs()} s] Fashion-MNIST (${data}): ${S.imageLimit} training images, ${S.imageEpochs} epoch(s); sweeps between training rows, seeds ${S.runSeeds.join(', ')}`);
  for (const model of ['fmnist_resnet32', 'fmnist_plain32']) {
    const dir = join(outDir, model);
    const r = runImages({ ...DEFAULT_IMAGE_RUN, data, model, epochs: S.imageEpochs, batch: 128, lr: 2e-3, patience: S.imageEpochs, seed: 1, limit: S.imageLimit, val: 500, testLimit: 1000 }, dir);
    const study = await runRunStudy(dir, { points: S.points, seeds: S.runSeeds });
    save(dir, study);
    images.push({ model, testError: 100 * r.test.error, trained: study.results[0], fresh: study.results[1], seconds: r.seconds });
    log(`[${secs()} s] ${model}: trained ${r.seconds.toFixed(0)} s, test error ${(100 * r.test.error).toFixed(2)} % on ${r.test.rows}; swept`);
  }
  log('\n  model               test error   r trained       r fresh init');
  for (const m of images) log(`  ${m.model.padEnd(18)}  ${f2(m.testError).padStart(8)} %   ${f2(m.trained.neighbour.mean)} ± ${f2(m.trained.neighbour.sd)}   ${f2(m.fresh.neighbour.mean)} ± ${f2(m.fresh.neighbour.sd)}`);
} else {
  log(`\n(Fashion-MNIST not found at ${data}: the image part is skipped; install dataset-fashion-mnist or pass --data DIR)`);
}

// Claims, judged on the numbers above.
const claims: Claim[] = [
  ...sweepClaims(init.results, band),
  keepsMore(trained, 'resnet+BN trained', 'plain+BN trained', `after training (sin(πx), depth ${S.trainDepth}) the resnet's gradient is still smoother than the plain net's`),
];
if (images.length === 2) {
  const [res, pl] = images;
  const rs = [{ ...res.trained, series: `${res.model} trained` }, { ...pl.trained, series: `${pl.model} trained` }, { ...res.fresh, series: `${res.model} fresh` }, { ...pl.fresh, series: `${pl.model} fresh` }];
  claims.push(keepsMore(rs, `${res.model} fresh`, `${pl.model} fresh`, 'convnets at init (Fashion-MNIST shapes): the ResNet\'s gradient is smoother than its plain twin\'s'));
  const after = 'the same after training (the paper: trained CIFAR nets)';
  // A net still at chance has not been trained in any useful sense: no verdict on it.
  const learned = images.every((m) => m.testError < 80);
  const errors = `test error ${f2(res.testError)} % vs ${f2(pl.testError)} % at this budget`;
  claims.push(learned ? keepsMore(rs, `${res.model} trained`, `${pl.model} trained`, after, errors) : { claim: after, source: 'Balduzzi et al. 2017', verdict: 'too small to tell', evidence: `a net did not learn (test error ${images.map((m) => f2(m.testError)).join(' %, ')} %); raise the budget` });
}
save(join(outDir, 'init'), init, claims);
save(join(outDir, 'trained-1d'), trainedStudy);
log('\nclaims (Balduzzi et al. 2017), verdicts from the numbers above');
for (const c of claims) log(`  [${c.verdict}] ${c.claim}\n      ${c.evidence}`);
const seconds = (performance.now() - t0) / 1000;
log(`\nwrote ${join(outDir, 'init', 'shattered.json')}, ${join(outDir, 'trained-1d', 'shattered.json')}${images.length ? ' and one per Fashion-MNIST run' : ''}`);
log(`total ${seconds.toFixed(0)} s, load ${loadavg()[0].toFixed(2)}`);

const table = (rs: ShatteredSeries[]) => Object.fromEntries([...new Set(rs.map((r) => r.series))].map((n) => [n, rs.filter((r) => r.series === n).map((r) => ({ depth: r.depth, mean: r.neighbour.mean, sd: r.neighbour.sd }))]));
console.log(JSON.stringify({
  bench: 'shattered', threads: torch.getNumThreads(), seconds, load: loadavg()[0], width: S.width, points: S.points, seeds: S.seeds.length, whiteNoise: band,
  init: table(init.results),
  trained1d: { depth: S.trainDepth, steps: S.steps, seeds: S.trainSeeds.length, nets: table(trained), sweepMse: Object.fromEntries(ARCHS.map((a) => [a, mean(fit.filter((x) => x.arch === a).map((x) => x.sweepMse))])) },
  images: images.map((m) => ({ model: m.model, testError: m.testError, trained: m.trained.neighbour.mean, trainedSd: m.trained.neighbour.sd, fresh: m.fresh.neighbour.mean, freshSd: m.fresh.neighbour.sd, trainSeconds: m.seconds })),
  claims: claims.map((c) => ({ claim: c.claim, verdict: c.verdict })),
}));

// bench:veit — Veit, Wilber & Belongie 2016 on Fashion-MNIST at the paper's depth: a
// pre-activation ResNet with 54 residual blocks (ResNet-110's layout, 3 stages × 18 blocks,
// widths 16/32/64), the same net trained with stochastic depth, and a plain twin (no
// shortcuts; 56 layers by default, since a 110-layer plain net barely trains: --plain-depth
// 110 tries it), trained on a seeded subset through `reslab train --images`' code. Runs the
// three lesion studies on all three (delete each block, delete k = 1…20 random blocks,
// swap k pairs) and the path analysis on the two ResNets, and prints Veit et al.'s
// numbers beside reslab's with a verdict per claim. The plain twin is the anchor: the same
// blocks without shortcuts, trained the same way. --depth 32 runs the earlier 15-block
// layout (fmnist_resnet32 and its plain twin) instead. Runs go to out/bench-veit/ (lesion.json
// and paths.json beside them, for the report). Ends stdout with one JSON line.
// --quick: a smaller subset and fewer trials (a smoke run).
import { join, resolve } from 'node:path';
import * as torch from '../src/torch/index.js';
import { runImages, DEFAULT_IMAGE_RUN, type ImageRunSummary } from '../src/train/imageRun.js';
import { loadTarget } from '../src/analysis/targets.js';
import { runLesion, singleSummary, type LesionResult } from '../src/analysis/lesion.js';
import { analysePaths, type PathsResult } from '../src/analysis/paths.js';
import { mean } from '../src/util/stats.js';
import { veitClaims, correlation } from '../src/analysis/veitClaims.js';
import { writeFileAtomic } from '../src/util/atomic.js';

const argv = process.argv.slice(2);
const flag = (name: string, def: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : def; };
const quick = argv.includes('--quick');
const data = resolve(flag('data', '/usr/share/datasets/fashion-mnist'));
const outDir = resolve(flag('out', 'out/bench-veit'));
const depth = Number(flag('depth', '110'));
const S = {
  limit: Number(flag('limit', quick ? '2000' : '10000')), epochs: Number(flag('epochs', quick ? '2' : '4')), val: 1000,
  testRows: Number(flag('test-rows', quick ? '500' : '1000')), trials: quick ? 2 : 3, pathSamples: quick ? 3 : 8, seed: 1,
};
const deep = depth === 110;
if (!deep && depth !== 32) throw new Error(`--depth must be 110 (Veit et al.'s ResNet-110 layout) or 32 (the 15-block layout), got ${depth}`);
const plainDepth = flag('plain-depth', '56');
const MODELS = deep
  ? { resnet: 'fmnist_preact110', sd: 'fmnist_preact110_sd' as string | null, plain: `fmnist_plain${plainDepth}` }
  : { resnet: 'fmnist_resnet32', sd: null, plain: 'fmnist_plain32' };
const K_DELETE = deep ? Array.from({ length: 20 }, (_, i) => i + 1) : [1, 2, 3, 4, 6, 8, 10, 13];
const K_SWAP = deep ? [1, 2, 3, 4, 6, 8, 10, 12, 16, 20] : [1, 2, 3, 4, 6, 8, 12];
const t0 = performance.now();
const log = (s: string) => console.log(s);
const secs = () => ((performance.now() - t0) / 1000).toFixed(0);

function train(model: string): ImageRunSummary {
  const r = runImages({ ...DEFAULT_IMAGE_RUN, data, model, epochs: S.epochs, batch: 128, lr: 2e-3, patience: S.epochs, seed: S.seed, limit: S.limit, val: S.val, testLimit: 2000 }, join(outDir, model));
  log(`[${secs()} s] trained ${model}: ${r.rows.train} images × ${r.epochs} epochs, ${r.params.toLocaleString('en-US')} parameters, test error ${(100 * r.test.error).toFixed(2)} % on ${r.test.rows}`);
  return r;
}

async function dissect(model: string, withPaths: boolean): Promise<{ lesion: LesionResult; paths: PathsResult | null }> {
  const dir = join(outDir, model);
  const target = await loadTarget(dir, { testLimit: S.testRows, probeBatch: 32, seed: S.seed });
  const base = { trials: S.trials, seed: S.seed };
  const a = runLesion(target.model, model, target.evaluator, { ...base, modes: ['single', 'k'], ks: K_DELETE });
  const b = runLesion(target.model, model, target.evaluator, { ...base, modes: ['reorder'], ks: K_SWAP });
  const lesion: LesionResult = { ...a, reorder: b.reorder, reorderTrials: b.reorderTrials };
  writeFileAtomic(join(dir, 'lesion.json'), JSON.stringify(lesion, null, 2) + '\n');
  log(`[${secs()} s] lesions of ${model} done`);
  let paths: PathsResult | null = null;
  if (withPaths) {
    paths = analysePaths(target.model, model, { samples: S.pathSamples, seed: S.seed, probe: target.probe });
    writeFileAtomic(join(dir, 'paths.json'), JSON.stringify(paths, null, 2) + '\n');
    log(`[${secs()} s] path analysis of ${model} done`);
  }
  target.dispose();
  return { lesion, paths };
}

log(`bench:veit — Veit et al. 2016 lesions and paths on Fashion-MNIST (${data}); ${torch.getNumThreads()} threads, OMP_WAIT_POLICY=${process.env.OMP_WAIT_POLICY ?? '(unset)'}`);
log(`subset: ${S.limit} training images, ${S.epochs} epochs; lesions on ${S.testRows} test images, ${S.trials} trials per k; ${S.pathSamples} gradient samples per path length`);
const runs = { resnet: train(MODELS.resnet), sd: MODELS.sd ? train(MODELS.sd) : null, plain: train(MODELS.plain) };
const res = await dissect(MODELS.resnet, true);
const sdd = MODELS.sd ? await dissect(MODELS.sd, true) : null;
const pl = await dissect(MODELS.plain, false);

const f2 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2));
const R = res.lesion, P = pl.lesion, D = sdd?.lesion ?? null;
const nets: [string, LesionResult][] = [['ResNet', R], ...(D ? [['ResNet+SD', D] as [string, LesionResult]] : []), [`plain-${P.blocks}`, P]];
const col = (v: string) => v.padStart(11);
log('');
log(`Lesion 1 — remove one block (test error %, chance ${f2(R.chance)}); the plain twin has ${P.blocks} blocks`);
log(`  block             ${nets.map(([n]) => col(n)).join('')}`);
for (const [i, e] of R.single.entries()) {
  const cells = nets.map(([, r]) => { const x = r.single[i]; return col(x ? (x.removable ? f2(x.value) : 'fixed') : ''); });
  log(`  ${String(e.block).padStart(5)}${e.downsample ? ' (downsampling)' : ''.padEnd(15)}${cells.join('')}`);
}
log(`  baseline              ${nets.map(([, r]) => col(f2(r.baseline))).join('')}`);
const sum = (r: LesionResult) => singleSummary(r);
log(`  mean increase         ${nets.map(([, r]) => col(f2(sum(r)?.mean))).join('')}`);
log(`  median increase       ${nets.map(([, r]) => col(f2(sum(r)?.median))).join('')}`);
log(`  worst increase        ${nets.map(([, r]) => col(f2(sum(r)?.worst))).join('')}`);
log(`  worst downsampling    ${nets.map(([, r]) => col(f2(sum(r)?.downsampleWorst))).join('')}`);
log('');
log('Lesion 2 — remove k random non-downsampling blocks (test error %, mean ± sd)');
log(`      k${nets.map(([n]) => n.padStart(17)).join('')}`);
for (const k of K_DELETE) log(`  ${String(k).padStart(5)}${nets.map(([, r]) => { const a = r.k.find((e) => e.k === k); return (a ? `${f2(a.mean)} ± ${f2(a.sd)}` : '').padStart(17); }).join('')}`);
log('');
log('Lesion 3 — swap k random pairs of same-shape blocks (test error %, mean ± sd; mean Kendall τ)');
log(`      k${nets.map(([n]) => `${n.padStart(17)}      τ`).join('')}`);
for (const k of K_SWAP) {
  log(`  ${String(k).padStart(5)}${nets.map(([, r]) => { const a = r.reorder.find((e) => e.k === k); const t = mean(r.reorderTrials.filter((x) => x.k === k).map((x) => x.tau)); return `${(a ? `${f2(a.mean)} ± ${f2(a.sd)}` : '').padStart(17)}  ${Number.isFinite(t) ? t.toFixed(3) : '  —  '}`; }).join('')}`);
}
const tauCorr = correlation(R.reorderTrials.map((t) => t.tau), R.reorderTrials.map((t) => t.value));
const tauCorrPlain = correlation(P.reorderTrials.map((t) => t.tau), P.reorderTrials.map((t) => t.value));
log('');
const showPaths = (name: string, paths: PathsResult) => {
  log(`Paths — ${name}: ${paths.blocks} blocks`);
  log('  length            paths   |∇x| per path   total (× count)');
  for (const [i, e] of paths.lengths.entries()) log(`  ${String(e.length).padStart(6)} ${e.count.toExponential(2).padStart(16)}   ${paths.gradient[i].mean.toExponential(2).padStart(13)}   ${paths.contribution[i].value.toExponential(2).padStart(14)}`);
  log(`  90 % of paths: length ${paths.pathRange90.join('–')} (mean ${paths.meanPathLength.toFixed(1)}); 90 % of the gradient: length ${paths.range90.join('–')} (weighted mean ${paths.meanEffectiveLength.toFixed(1)})`);
};
const paths = res.paths!;
showPaths(MODELS.resnet, paths);
if (sdd?.paths) showPaths(MODELS.sd!, sdd.paths);
const g0 = paths.gradient[0].mean, gn = paths.gradient[paths.gradient.length - 1].mean;

// The claims, judged on these numbers in the analyses' vocabulary, beside Veit et al.'s figures (ResNet-110 on CIFAR-10).
const claims = veitClaims({ resnet: R, stochasticDepth: D, plain: P, paths, names: { resnet: 'ResNet', stochasticDepth: 'ResNet+SD', plain: `plain-${P.blocks}` } });
// For `reslab report --analysis`: the claims beside the papers' values.
writeFileAtomic(join(outDir, 'veit.json'), JSON.stringify({ study: 'bench:veit', depth, trainImages: S.limit, epochs: S.epochs, seeds: [S.seed], claims }, null, 2) + '\n');
log('');
log(`Claims (one seed, ${S.limit} training images × ${S.epochs} epochs; Veit et al.'s figures beside):`);
for (const c of claims) log(`  ${c.verdict.padEnd(17)} ${c.claim}\n                    paper: ${c.paper}\n                    here:  ${c.evidence}\n                    rule:  ${c.rule}`);
const seconds = (performance.now() - t0) / 1000;
log(`\ntotal ${seconds.toFixed(0)} s`);

const lesionJson = (r: LesionResult, run: ImageRunSummary) => {
  const x = singleSummary(r);
  return {
    model: r.model, blocks: r.blocks, testError: 100 * run.test.error, lesionBaseline: r.baseline, singleMeanIncrease: x?.mean ?? null, singleWorstIncrease: x?.worst ?? null, downsampleWorstIncrease: x?.downsampleWorst ?? null,
    k: r.k.map((e) => ({ k: e.k, mean: e.mean, sd: e.sd })), reorder: r.reorder.map((e) => ({ k: e.k, mean: e.mean, sd: e.sd })),
  };
};
console.log(JSON.stringify({
  bench: 'veit', depth, threads: torch.getNumThreads(), seconds, trainImages: S.limit, epochs: S.epochs, testRows: S.testRows, trials: S.trials,
  resnet: { ...lesionJson(R, runs.resnet), tauErrorCorrelation: tauCorr }, sd: D && runs.sd ? lesionJson(D, runs.sd) : null, plain: { ...lesionJson(P, runs.plain), tauErrorCorrelation: tauCorrPlain },
  paths: { range90: paths.range90, pathRange90: paths.pathRange90, meanPathLength: paths.meanPathLength, meanEffectiveLength: paths.meanEffectiveLength, gradientRatio0toN: g0 / gn },
  sdPaths: sdd?.paths ? { range90: sdd.paths.range90, meanEffectiveLength: sdd.paths.meanEffectiveLength } : null,
  claims: claims.map((c) => ({ id: c.id, claim: c.claim, verdict: c.verdict, here: c.evidence })),
}));

// bench:veit — Veit, Wilber & Belongie 2016 on Fashion-MNIST at the paper's depth: a
// pre-activation ResNet with 54 residual blocks (ResNet-110's layout, 3 stages × 18 blocks,
// widths 16/32/64), the same net trained with stochastic depth, and a plain twin (no
// shortcuts; 56 layers by default, since a 110-layer plain net barely trains: --plain-depth
// 110 tries it), each trained on a seeded subset through `reslab train --images`' code, for
// several training seeds. Runs the three lesion studies on all three (delete each block,
// delete k = 1…20 random blocks, swap k pairs) and the path analysis on the two ResNets,
// prints seed means (± seed SE) beside Veit et al.'s numbers, and judges each claim by the
// 3×SE rule over seeds (src/analysis/veitClaims.ts). The plain twin is the anchor: the same
// blocks without shortcuts, trained the same way. --depth 32 runs the earlier 15-block
// layout (fmnist_resnet32 and its plain twin) instead.
//
// Default budget (src/analysis/veitStudy.ts): seeds 1–3, 5,000 training images × 4 epochs,
// lesions on 500 test images with 3 draws per k, 6 gradient samples per path length —
// stated at 75 minutes on two cores; the default run took 66 (3,973 s). --resume reuses every
// net already measured with the same options (so --seeds 1,2,3,4 --resume adds one seed).
// Runs go to out/bench-veit/seed<N>/<model>/ (lesion.json, paths.json, veit-net.json);
// veit.json (the claims, for `reslab report --analysis`) beside them. Ends stdout with one
// JSON line. --quick: a small subset, one trial, two seeds (a smoke run).
import { join, resolve } from 'node:path';
import * as torch from '../src/torch/index.js';
import { singleSummary, type LesionResult } from '../src/analysis/lesion.js';
import type { PathsResult } from '../src/analysis/paths.js';
import { mean, meanSd, seOfMean } from '../src/util/stats.js';
import { veitClaims, tauErrorCorrelation, singleCost, largestKCost } from '../src/analysis/veitClaims.js';
import { DEFAULT_VEIT_STUDY, runVeitSeed, veitModels, kDeletions, kSwaps, netSeconds, type VeitStudyOptions, type VeitSeedRun, type VeitNetRecord } from '../src/analysis/veitStudy.js';
import { writeFileAtomic } from '../src/util/atomic.js';

const argv = process.argv.slice(2);
const flag = (name: string, def: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1]! : def; };
const quick = argv.includes('--quick');
const D = DEFAULT_VEIT_STUDY;
const depth = Number(flag('depth', String(D.depth)));
if (depth !== 110 && depth !== 32) throw new Error(`--depth must be 110 (Veit et al.'s ResNet-110 layout) or 32 (the 15-block layout), got ${depth}`);
const o: VeitStudyOptions = {
  data: resolve(flag('data', '/usr/share/datasets/fashion-mnist')), out: resolve(flag('out', 'out/bench-veit')), depth,
  plainDepth: Number(flag('plain-depth', String(D.plainDepth))),
  limit: Number(flag('limit', quick ? '1000' : String(D.limit))), epochs: Number(flag('epochs', quick ? '1' : String(D.epochs))),
  val: Number(flag('val', quick ? '300' : String(D.val))), testRows: Number(flag('test-rows', quick ? '200' : String(D.testRows))),
  trials: Number(flag('trials', quick ? '1' : String(D.trials))), pathSamples: Number(flag('path-samples', quick ? '2' : String(D.pathSamples))),
  seeds: flag('seeds', quick ? '1,2' : D.seeds.join(',')).split(',').map(Number), resume: argv.includes('--resume'),
};
// The stated budget holds for the default options; other options state their own.
const isDefault = !quick && (['limit', 'epochs', 'val', 'testRows', 'trials', 'pathSamples', 'depth', 'plainDepth'] as const).every((k) => o[k] === D[k]) && o.seeds.join() === D.seeds.join();
const budgetMinutes = Number(flag('budget-minutes', isDefault ? '75' : '0'));
const MODELS = veitModels(o);
const t0 = performance.now();
const log = (s: string) => console.log(s);
const secs = () => ((performance.now() - t0) / 1000).toFixed(0);

log(`bench:veit — Veit et al. 2016 lesions and paths on Fashion-MNIST (${o.data}); ${torch.getNumThreads()} threads, OMP_WAIT_POLICY=${process.env.OMP_WAIT_POLICY ?? '(unset)'}`);
log(`budget: seeds ${o.seeds.join(', ')}; ${o.limit} training images × ${o.epochs} epochs; lesions on ${o.testRows} test images, ${o.trials} draws per k; ${o.pathSamples} gradient samples per path length${budgetMinutes > 0 ? `; stated at ${budgetMinutes} minutes on 2 cores` : ''}`);
const runs: VeitSeedRun[] = [];
for (const seed of o.seeds) runs.push(await runVeitSeed(o, seed, (s) => log(`[${secs()} s] ${s}`)));

// ---- the tables: seed means, ± the seed standard error -------------------------------------
const n = runs.length;
const f2 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2));
const se = (xs: number[]) => seOfMean(meanSd(xs));
const pm = (xs: number[]) => `${f2(mean(xs))}${xs.length > 1 ? ` ± ${f2(se(xs))}` : ''}`;
type NetKey = 'resnet' | 'sd' | 'plain';
const keys: NetKey[] = MODELS.sd ? ['resnet', 'sd', 'plain'] : ['resnet', 'plain'];
const netOf = (r: VeitSeedRun, k: NetKey): VeitNetRecord => r.nets[k]!;
const les = (k: NetKey) => runs.map((r) => netOf(r, k).lesion);
const label: Record<NetKey, string> = { resnet: 'ResNet', sd: 'ResNet+SD', plain: `plain-${runs[0]!.nets.plain.lesion.blocks}` };
const W = 19;
const col = (v: string) => v.padStart(W);

log('');
log(`Nets (seed mean ± seed SE over ${n} seed${n === 1 ? '' : 's'})`);
log(`  ${'net'.padEnd(30)}${'blocks'.padStart(7)}${'parameters'.padStart(12)}${'MMACs/image'.padStart(13)}${'test error %'.padStart(18)}${'s/epoch'.padStart(9)}`);
for (const k of keys) {
  const r0 = netOf(runs[0]!, k).run;
  log(`  ${`${label[k]} (${r0.model})`.padEnd(30)}${String(netOf(runs[0]!, k).lesion.blocks).padStart(7)}${r0.params.toLocaleString('en-US').padStart(12)}${(r0.macs / 1e6).toFixed(1).padStart(13)}${pm(runs.map((r) => netOf(r, k).run.testError)).padStart(18)}${mean(runs.map((r) => netOf(r, k).run.epochSeconds)).toFixed(0).padStart(9)}`);
}

const R0 = les('resnet')[0]!;
log('');
log(`Lesion 1 — remove one block (test error %, seed mean; chance ${f2(R0.chance)}); the plain twin has ${runs[0]!.nets.plain.lesion.blocks} blocks`);
log(`  block              ${keys.map((k) => col(label[k])).join('')}`);
for (const [i, e] of R0.single.entries()) {
  const cells = keys.map((k) => { const xs = les(k).map((r) => r.single[i]); return col(!xs[0] ? '' : xs[0].removable ? f2(mean(xs.map((x) => x!.value!))) : 'fixed'); });
  log(`  ${String(e.block).padStart(5)}${e.downsample ? ' (downsampling)' : ''.padEnd(15)}${cells.join('')}`);
}
const summaryRow = (name: string, f: (r: LesionResult) => number | null | undefined) => log(`  ${name.padEnd(20)}${keys.map((k) => col(pm(les(k).map((r) => f(r) ?? NaN)))).join('')}`);
summaryRow('intact', (r) => r.baseline);
summaryRow('mean increase', (r) => singleSummary(r)?.mean);
summaryRow('median increase', (r) => singleSummary(r)?.median);
summaryRow('worst increase', (r) => singleSummary(r)?.worst);
summaryRow('worst downsampling', (r) => singleSummary(r)?.downsampleWorst);
log('');
log('Lesion 2 — remove k random non-downsampling blocks (test error %; seed mean ± seed SE of the per-seed trial means)');
log(`      k${keys.map((k) => col(label[k])).join('')}`);
for (const [i, k] of kDeletions(o.depth).entries()) log(`  ${String(k).padStart(5)}${keys.map((nk) => col(les(nk)[0]!.k[i] ? pm(les(nk).map((r) => r.k[i]!.mean)) : '')).join('')}`);
summaryRow('largest k − intact', largestKCost);
log('');
log('Lesion 3 — swap k random pairs of same-shape blocks (test error %, seed mean ± SE; mean Kendall τ)');
log(`      k${keys.map((k) => `${col(label[k])}      τ`).join('')}`);
for (const [i, k] of kSwaps(o.depth).entries()) {
  log(`  ${String(k).padStart(5)}${keys.map((nk) => { const rs = les(nk); const t = mean(rs.flatMap((r) => r.reorderTrials.filter((x) => x.k === k).map((x) => x.tau))); return `${col(rs[0]!.reorder[i] ? pm(rs.map((r) => r.reorder[i]!.mean)) : '')}  ${Number.isFinite(t) ? t.toFixed(3) : '  —  '}`; }).join('')}`);
}
summaryRow('corr(τ, error)', tauErrorCorrelation);
log('');
const showPaths = (name: string, ps: PathsResult[]) => {
  const p0 = ps[0]!;
  log(`Paths — ${name}: ${p0.blocks} blocks (gradient and contribution: seed means)`);
  log('  length            paths   |∇x| per path   total (× count)');
  for (const [i, e] of p0.lengths.entries()) log(`  ${String(e.length).padStart(6)} ${e.count.toExponential(2).padStart(16)}   ${mean(ps.map((p) => p.gradient[i]!.mean)).toExponential(2).padStart(13)}   ${mean(ps.map((p) => p.contribution[i]!.value)).toExponential(2).padStart(14)}`);
  log(`  90 % of paths: length ${p0.pathRange90.join('–')} (mean ${p0.meanPathLength.toFixed(1)}); 90 % of the gradient by seed: ${ps.map((p) => p.range90.join('–')).join(', ')} (weighted mean ${pm(ps.map((p) => p.meanEffectiveLength))})`);
};
const resPaths = runs.map((r) => r.nets.resnet.paths!);
showPaths(MODELS.resnet, resPaths);
const sdPaths = MODELS.sd ? runs.map((r) => r.nets.sd!.paths!) : null;
if (sdPaths) showPaths(MODELS.sd!, sdPaths);

// ---- the claims, in the analyses' vocabulary, beside Veit et al.'s figures ------------------
const claims = veitClaims({ seeds: runs.map((r) => r.evidence), names: { resnet: 'ResNet', stochasticDepth: 'ResNet+SD', plain: label.plain } });
const computeSeconds = runs.reduce((a, r) => a + keys.reduce((b, k) => b + netSeconds(netOf(r, k)), 0), 0);
const seconds = (performance.now() - t0) / 1000;
const budget = `depth ${o.depth}, seeds ${o.seeds.join(', ')}, ${o.limit} training images × ${o.epochs} epochs, lesions on ${o.testRows} test images`;
writeFileAtomic(join(o.out, 'veit.json'), JSON.stringify({ study: 'bench:veit', depth: o.depth, trainImages: o.limit, epochs: o.epochs, testRows: o.testRows, seeds: o.seeds, claims }, null, 2) + '\n');
log('');
log(`Claims (${budget}; judged over seeds by the 3×SE rule; Veit et al.'s figures beside):`);
for (const c of claims) log(`  ${c.verdict.padEnd(17)} ${c.claim}\n                    paper: ${c.paper}\n                    here:  ${c.evidence}\n                    rule:  ${c.rule}`);
log('');
log(`cost: ${computeSeconds.toFixed(0)} s of training and dissection in all (reused nets at what they cost when measured); this call ${seconds.toFixed(0)} s`);
if (budgetMinutes > 0) log(`budget: ${(computeSeconds / 60).toFixed(1)} of ${budgetMinutes} minutes (${computeSeconds <= 60 * budgetMinutes ? 'within' : 'OVER'} the stated budget)`);

const netJson = (k: NetKey) => {
  const rs = les(k);
  return {
    model: netOf(runs[0]!, k).run.model, blocks: rs[0]!.blocks, testError: runs.map((r) => netOf(r, k).run.testError), epochSeconds: runs.map((r) => netOf(r, k).run.epochSeconds),
    singleMeanIncrease: rs.map(singleCost), largestKIncrease: rs.map(largestKCost), tauErrorCorrelation: rs.map(tauErrorCorrelation),
    k: rs[0]!.k.map((e, i) => ({ k: e.k, mean: rs.map((r) => r.k[i]!.mean) })), reorder: rs[0]!.reorder.map((e, i) => ({ k: e.k, mean: rs.map((r) => r.reorder[i]!.mean) })),
  };
};
console.log(JSON.stringify({
  bench: 'veit', depth: o.depth, threads: torch.getNumThreads(), seconds, computeSeconds, budgetMinutes, seeds: o.seeds, trainImages: o.limit, epochs: o.epochs, testRows: o.testRows, trials: o.trials,
  nets: Object.fromEntries(keys.map((k) => [k, netJson(k)])),
  paths: resPaths.map((p) => ({ range90: p.range90, pathRange90: p.pathRange90, meanPathLength: p.meanPathLength, meanEffectiveLength: p.meanEffectiveLength })),
  sdPaths: sdPaths?.map((p) => ({ range90: p.range90, meanEffectiveLength: p.meanEffectiveLength })) ?? null,
  claims: claims.map((c) => ({ id: c.id, claim: c.claim, verdict: c.verdict, here: c.evidence })),
}));

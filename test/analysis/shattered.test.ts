// Shattered gradients: the autocorrelation estimator on curves with known answers, the
// sweep nets' gradient against finite differences, and the paper's direction (plain
// shatters, resnet does not) as a real assertion over seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { Rng } from '../../src/util/rng.js';
import { autocorrelation, neighbourCorrelation } from '../../src/analysis/shattered/stats.js';
import { sweepNet, freezeBatchStats, ARCHS, SweepNet } from '../../src/analysis/shattered/nets.js';
import { lineGradient, lineScores, lineInputs, type Line } from '../../src/analysis/shattered/sweep.js';
import { axisLine, runSweepStudy, sweepNetGradient } from '../../src/analysis/shattered/study.js';
import { mean } from '../../src/util/stats.js';
import { fitSweepNet, sineTarget } from '../../src/analysis/shattered/train.js';

const withLine = <R>(points: number, fn: (line: Line) => R): R => {
  const line = axisLine(points);
  try { return fn(line); } finally { line.start.dispose(); line.direction.dispose(); }
};

test('autocorrelation: known answers for a ramp, an alternating curve and a constant', () => {
  // 0,1,2,3: deviations −1.5, −0.5, 0.5, 1.5; lag-0 sum 5, lag-1 sum 1.25, lag-2 sum −1.5, lag-3 −2.25.
  assert.deepEqual(autocorrelation([0, 1, 2, 3], 3), [1, 0.25, -0.3, -0.45]);
  // +1, −1, …: lag 1 is −(n − 1)/n, lag 2 is (n − 2)/n.
  const alt = Array.from({ length: 10 }, (_, i) => (i % 2 ? -1 : 1));
  const a = autocorrelation(alt, 2);
  assert.ok(Math.abs(a[1] + 0.9) < 1e-12 && Math.abs(a[2] - 0.8) < 1e-12, String(a));
  // A constant curve is perfectly smooth: 1 at every lag (not 0/0).
  assert.deepEqual(autocorrelation(Array(8).fill(2.5), 7), Array(8).fill(1));
  assert.throws(() => autocorrelation([1, 2, 3], 3), /lag 3/);
});

test('white-noise gradients give lag-1 correlation near 0 (sd ≈ 1/√n); their running sum (brown noise) near 1', () => {
  const rng = new Rng(7);
  const n = 256;
  const white = Array.from({ length: 400 }, () => Array.from({ length: n }, () => rng.gauss(0, 1)));
  const r1 = white.map(neighbourCorrelation);
  const m = mean(r1);
  const s = Math.sqrt(mean(r1.map((r) => (r - m) ** 2)));
  assert.ok(Math.abs(m) < 0.015, `mean lag-1 of white noise ${m}`);
  assert.ok(s > 0.8 / Math.sqrt(n) && s < 1.2 / Math.sqrt(n), `sd ${s} vs 1/√n = ${1 / Math.sqrt(n)}`);
  assert.ok(r1.filter((r) => Math.abs(r) > 3 / Math.sqrt(n)).length <= 8, 'the 3/√n band holds nearly all white-noise curves');
  const brown = white.slice(0, 20).map((w) => { let c = 0; return w.map((v) => (c += v)); });
  assert.ok(brown.every((b) => neighbourCorrelation(b) > 0.8), 'a random walk is smooth at lag 1');
});

test('depth 0 is a linear function: the sweep gradient is constant, head · stem, and autocorrelation is 1 at every lag', () => {
  withLine(64, (line) => {
    for (const arch of ARCHS) for (const bn of [false, true]) {
      const net = sweepNet({ arch, depth: 0, width: 16, batchNorm: bn }, 5);
      freezeBatchStats(net, lineInputs(line));
      const g = lineGradient(net, line, (z) => z.select(1, 0));
      const expected = torch.tidy(() => net.head.weight.matmul(net.stem.weight).item());
      assert.ok(g.every((v) => Math.abs(v - expected) <= 1e-12 * Math.abs(expected)), `${arch}: ${g[0]} vs ${expected}`);
      assert.deepEqual(autocorrelation(g, 10), Array(11).fill(1));
      net.dispose();
    }
  });
});

test('the sweep gradient equals a finite difference of the output along the sweep (float64, every arch, with and without BN)', () => {
  const h = 1e-6;
  withLine(128, (line) => {
    for (const arch of ARCHS) for (const bn of [true, false]) {
      const net = sweepNet({ arch, depth: 6, width: 24, batchNorm: bn }, 11);
      freezeBatchStats(net, lineInputs(line));
      const score = (z: torch.Tensor) => z.select(1, 0);
      const g = lineGradient(net, line, score);
      const at = (dt: number) => lineScores(net, { ...line, t: line.t.map((t) => t + dt) }, score);
      const f0 = lineScores(net, line, score), fp = at(h), fm = at(-h);
      // One-sided differences: a ReLU kink may sit within h of a point on one side, never on both.
      g.forEach((gi, i) => {
        const err = Math.min(Math.abs((fp[i] - f0[i]) / h - gi), Math.abs((f0[i] - fm[i]) / h - gi));
        assert.ok(err <= 1e-5 * (1 + Math.abs(gi)), `${arch}${bn ? '+BN' : ''} at x = ${line.t[i]}: autograd ${gi}, finite difference off by ${err}`);
      });
      // The curve is not trivially constant, so the check could fail.
      assert.ok(Math.max(...g) - Math.min(...g) > 1e-3 * Math.max(...g.map(Math.abs)), `${arch}: gradient varies along the sweep`);
      net.dispose();
    }
  });
});

test('freezeBatchStats: batch norm uses the sweep batch\'s statistics, and the points no longer affect each other', () => {
  withLine(32, (line) => {
    const net = sweepNet({ arch: 'plain', depth: 2, width: 8, batchNorm: true }, 3);
    const x = lineInputs(line);
    freezeBatchStats(net, x);
    assert.equal(net.training, false);
    const bn = net.body.at(0).getSubmodule('bn') as unknown as { running_mean: torch.Tensor; momentum: number };
    const pre = torch.noGrad(() => (net.body.at(0).getSubmodule('fc') as unknown as { forward(t: torch.Tensor): torch.Tensor }).forward(net.stem.forward(x)));
    assert.ok(bn.running_mean.sub(pre.mean(0)).abs().max().item() < 1e-12, 'running mean = the batch mean');
    assert.equal(bn.momentum, 0.1, 'momentum restored');
    // Sweeping half the points gives the same gradients there: no coupling through the batch.
    const all = lineGradient(net, line, (z) => z.select(1, 0));
    const half = lineGradient(net, { ...line, t: line.t.slice(0, 16) }, (z) => z.select(1, 0));
    half.forEach((v, i) => assert.equal(v, all[i]));
    net.dispose();
  });
  assert.throws(() => withLine(8, (line) => lineGradient(new SweepNet({ arch: 'plain', depth: 1, width: 4, batchNorm: false }), line, (z) => z.select(1, 0))), /training mode/);
});

test('the paper\'s direction at depth 20 (BN, width 200, 4 seeds): plain shatters to white noise, resnet keeps its neighbours correlated', () => {
  const seeds = [1, 2, 3, 4];
  const r1 = (arch: 'plain' | 'resnet' | 'preact', depth: number) => withLine(256, (line) => seeds.map((s) => neighbourCorrelation(sweepNetGradient(arch, depth, 200, true, s, line))));
  const plain20 = r1('plain', 20), res20 = r1('resnet', 20), pre20 = r1('preact', 20), plain2 = r1('plain', 2);
  seeds.forEach((s, i) => assert.ok(res20[i] > plain20[i] + 0.5, `seed ${s}: resnet ${res20[i]} vs plain ${plain20[i]}`));
  assert.ok(Math.abs(mean(plain20)) < 3 / 16, `plain depth 20 is within the white-noise band: ${plain20}`);
  assert.ok(mean(res20) > 0.8, `resnet depth 20 stays smooth: ${res20}`);
  assert.ok(mean(pre20) > mean(plain20) + 0.3, `preact depth 20 above plain: ${pre20}`);
  assert.ok(mean(plain2) > 0.9, `a shallow plain net is smooth: ${plain2}`);
});

test('runSweepStudy: one series per (BN, arch, depth), seeded (the same numbers again), and bad specs name what is wrong', () => {
  const o = { archs: ['plain', 'resnet'] as ('plain' | 'resnet')[], depths: [0, 4], width: 12, points: 40, seeds: [1, 2], batchNorm: [true, false], maxLag: 5 };
  const a = runSweepStudy(o);
  assert.deepEqual(a.results.map((r) => `${r.series}@${r.depth}`), ['plain+BN@0', 'plain+BN@4', 'resnet+BN@0', 'resnet+BN@4', 'plain@0', 'plain@4', 'resnet@0', 'resnet@4']);
  for (const r of a.results) {
    assert.equal(r.autocorrelation.length, 6);
    assert.equal(r.autocorrelation[0].mean, 1);
    assert.equal(r.gradient.length, 40);
    assert.equal(r.neighbour.values.length, 2);
    assert.ok(Math.abs((r.neighbour.values[0] + r.neighbour.values[1]) / 2 - r.autocorrelation[1].mean) < 1e-12, 'neighbour = lag-1 autocorrelation');
  }
  assert.equal(a.whiteNoise, 3 / Math.sqrt(40));
  assert.deepEqual(runSweepStudy(o), a);
  assert.throws(() => runSweepStudy({ ...o, depths: [3] }), /depth 3 for resnet.*even/);
  assert.throws(() => runSweepStudy({ ...o, archs: ['dense' as 'plain'] }), /arch 'dense'/);
});

test('fitSweepNet: a seeded regression that learns sin(πx) (loss falls several-fold), returned in float64 eval mode', () => {
  const spec = { arch: 'resnet' as const, depth: 4, width: 32, batchNorm: true };
  const o = { steps: 150, batch: 64, lr: 3e-3, target: sineTarget };
  const a = fitSweepNet(spec, 4, o), b = fitSweepNet(spec, 4, o);
  assert.ok(a.lossLast < a.lossFirst / 3, `loss ${a.lossFirst} → ${a.lossLast}`);
  assert.equal(a.lossLast, b.lossLast, 'same seed, same training');
  assert.equal(a.net.training, false);
  assert.equal(a.net.stem.weight.dtype, 'float64');
  a.net.dispose(); b.net.dispose();
});

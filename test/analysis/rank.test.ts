// ReXNet's rank analysis: the rank counts against known answers and libtorch's own
// matrix_rank, random layers (identity exact, the paper's ReLU6 < SiLU direction), the
// claims' rules on hand-made numbers, and layer ranks of zoo models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { countRank, matrixRankCounts } from '../../src/analysis/rank/measure.js';
import { randomLayerRank, type RandomRank, type RandomRankCell } from '../../src/analysis/rank/random.js';
import { judgeRankClaims } from '../../src/analysis/rank/claims.js';
import { layerRanks } from '../../src/analysis/rank/layers.js';
import { tinyResNet, ToyNet } from './helpers.js';

test('a product of N×r and r×M matrices has exact rank r, as libtorch counts it; the threshold counts only large singular values', () => {
  torch.manualSeed(5);
  torch.tidy(() => {
    for (const [n, r, m] of [[60, 3, 20], [40, 7, 7], [10, 1, 30]]) {
      const a = torch.randn([n, r]).matmul(torch.randn([r, m]));
      const c = matrixRankCounts(a, 0.1);
      assert.equal(c.exactRank, r, `${n}×${r}·${r}×${m}`);
      assert.equal(c.exactRank, torch.matrixRank(a).item(), 'the exact count is libtorch linalg.matrix_rank with its default tolerance');
      assert.equal(c.maxRank, Math.min(n, m));
      assert.ok(c.rank <= c.exactRank);
    }
    const full = torch.randn([30, 12]);
    assert.equal(matrixRankCounts(full).exactRank, 12);
    assert.equal(torch.matrixRank(full).item(), 12);
    // diag(10, 5, 0.9, 0.5): above 0.1 × 10 are 10 and 5; all four are above the float32 tolerance.
    const d = torch.tensor([[10, 0, 0, 0], [0, 5, 0, 0], [0, 0, 0.9, 0], [0, 0, 0, 0.5]]);
    assert.deepEqual(matrixRankCounts(d, 0.1), { rank: 2, exactRank: 4, maxRank: 4 });
    assert.deepEqual(matrixRankCounts(d, 0.04), { rank: 4, exactRank: 4, maxRank: 4 });
    assert.deepEqual(matrixRankCounts(d, 0.05), { rank: 3, exactRank: 4, maxRank: 4 }, 'strictly above the threshold, as libtorch counts');
    assert.deepEqual(matrixRankCounts(torch.zeros([5, 3])), { rank: 0, exactRank: 0, maxRank: 3 });
  });
  assert.deepEqual(countRank([1, 1e-6, 0], 4, 3, 0.1), { rank: 1, exactRank: 2, maxRank: 3 });
  assert.deepEqual(countRank([1, 1e-6, 0], 4, 3, 0.1, 'float64'), { rank: 1, exactRank: 2, maxRank: 3 });
  assert.throws(() => matrixRankCounts(torch.zeros([2, 2, 2])), /expected a matrix, got shape \[2, 2, 2\]/);
});

test('the identity keeps exact full rank when d_in ≥ d_out and exactly d_in when expanding', () => {
  const r = randomLayerRank({ nonlinearities: ['identity', 'relu'], ratios: [0.25, 0.5, 1, 2, 4], dIn: 12, n: 200, trials: 3, seed: 2 });
  const id = (x: number) => r.cells.find((c) => c.nonlinearity === 'identity' && c.ratio === x)!;
  for (const x of [0.25, 0.5, 1]) assert.equal(id(x).exactMean, 1, `ratio ${x}`);
  assert.equal(id(2).exactMean, 0.5);
  assert.equal(id(4).exactMean, 0.25);
  assert.deepEqual(r.cells.map((c) => c.exactSd), r.cells.map(() => 0));
  assert.deepEqual(r.cells.map((c) => c.dOut), [3, 3, 6, 6, 12, 12, 24, 24, 48, 48]);
  // ReLU of a rank-12 matrix is of full exact rank: only a threshold can separate nonlinearities.
  assert.equal(r.cells.find((c) => c.nonlinearity === 'relu' && c.ratio === 4)!.exactMean, 1);
});

test('ReLU6 keeps less normalised rank than SiLU when expanding (ratio ≥ 2), averaged over trials', () => {
  const r = randomLayerRank({ nonlinearities: ['relu6', 'silu', 'elu'], ratios: [2, 4, 8], dIn: 16, n: 512, trials: 4, seed: 9 });
  const at = (f: string, x: number) => r.cells.find((c) => c.nonlinearity === f && c.ratio === x)!;
  for (const x of [2, 4, 8]) {
    assert.ok(at('silu', x).mean > at('relu6', x).mean + 0.02, `ratio ${x}: silu ${at('silu', x).mean} vs relu6 ${at('relu6', x).mean}`);
    assert.ok(at('elu', x).mean > at('relu6', x).mean + 0.02, `ratio ${x}: elu ${at('elu', x).mean} vs relu6 ${at('relu6', x).mean}`);
  }
  // Expanding loses rank: each doubling of the ratio lowers every nonlinearity's normalised rank.
  for (const f of ['relu6', 'silu', 'elu']) assert.ok(at(f, 8).mean < at(f, 4).mean && at(f, 4).mean < at(f, 2).mean, f);
  const claims = judgeRankClaims(r);
  assert.equal(claims.find((c) => c.id === 'silu-elu-over-relu6')!.verdict, 'reproduced');
  assert.equal(claims.find((c) => c.id === 'identity-full')!.verdict, 'too small to tell');
});

test('random layers are seeded per (d_out, trial): same numbers on a rerun and whatever other ratios run', () => {
  const o = { nonlinearities: ['gelu' as const], dIn: 8, n: 128, trials: 3, seed: 4 };
  const a = randomLayerRank({ ...o, ratios: [1, 8] });
  const b = randomLayerRank({ ...o, ratios: [8] });
  assert.deepEqual(b.cells[0], a.cells[1]);
  assert.deepEqual(randomLayerRank({ ...o, ratios: [1, 8] }), a);
  assert.notDeepEqual(randomLayerRank({ ...o, ratios: [1, 8], seed: 5 }).cells[1].values, a.cells[1].values);
});

test('bad options are named', () => {
  const o = { nonlinearities: ['relu' as const], ratios: [1], dIn: 4, n: 16, trials: 1, seed: 1 };
  assert.throws(() => randomLayerRank({ ...o, ratios: [0] }), /ratios must be positive numbers, got \[0\]/);
  assert.throws(() => randomLayerRank({ ...o, ratios: [0.1] }), /ratio 0\.1 × d_in 4 rounds to d_out 0/);
  assert.throws(() => randomLayerRank({ ...o, trials: 0 }), /trials must be a positive integer, got 0/);
  assert.throws(() => randomLayerRank({ ...o, nonlinearities: ['swish' as never] }), /unknown activation 'swish'/);
  assert.throws(() => randomLayerRank({ ...o, rtol: 1 }), /rtol must be in \[0, 1\), got 1/);
});

/** A study of hand-made numbers: values per trial for each (f, ratio), d_in 10, N 1000. */
function study(values: Record<string, Record<number, number[]>>, exact: (f: string, x: number) => number): RandomRank {
  const cells: RandomRankCell[] = Object.entries(values).flatMap(([f, byRatio]) => Object.entries(byRatio).map(([x, v]) => {
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    return { nonlinearity: f as never, ratio: Number(x), dOut: Math.round(Number(x) * 10), mean: m, sd: 0.01, exactMean: exact(f, Number(x)), exactSd: 0, values: v };
  }));
  return { dIn: 10, n: 1000, trials: 3, seed: 1, weightStd: 1, rtol: 0.1, cells };
}

test('the claims follow their rules on hand-made numbers', () => {
  const exact = (f: string, x: number) => (f === 'identity' ? Math.min(1, 1 / x) : 1);
  const good = study({
    identity: { 1: [0.9, 0.9, 0.9], 2: [0.5, 0.5, 0.5], 4: [0.25, 0.25, 0.25] },
    relu6: { 1: [1, 1, 1], 2: [0.8, 0.81, 0.79], 4: [0.4, 0.41, 0.39] },
    silu: { 1: [1, 1, 1], 2: [0.9, 0.92, 0.91], 4: [0.55, 0.56, 0.54] },
  }, exact);
  const v = (s: RandomRank) => Object.fromEntries(judgeRankClaims(s).map((c) => [c.id, c.verdict]));
  assert.deepEqual(v(good), { 'expand-loses-rank': 'reproduced', 'silu-elu-over-relu6': 'reproduced', 'nonlinear-above-identity': 'reproduced', 'identity-full': 'reproduced' });
  // SiLU above ReLU6 at ratio 2 only; rank rising with the ratio; a rank-deficient square identity.
  const bad = study({
    identity: { 1: [0.9, 0.9, 0.9], 2: [0.5, 0.5, 0.5], 4: [0.25, 0.25, 0.25] },
    relu6: { 1: [1, 1, 1], 2: [0.8, 0.81, 0.79], 4: [0.995, 0.999, 0.997] },
    silu: { 1: [1, 1, 1], 2: [0.9, 0.92, 0.91], 4: [0.97, 0.99, 0.98] },
  }, (f, x) => (f === 'identity' && x === 1 ? 0.9 : exact(f, x)));
  const claims = judgeRankClaims(bad);
  assert.deepEqual(Object.fromEntries(claims.map((c) => [c.id, c.verdict])), { 'expand-loses-rank': 'partly', 'silu-elu-over-relu6': 'partly', 'nonlinear-above-identity': 'reproduced', 'identity-full': 'partly' });
  assert.match(claims[0].evidence, /not: relu6, silu$/);
  // A difference that is not consistent over trials is not significant (t ≤ 2).
  const noisy = study({ relu6: { 2: [0.5, 0.9, 0.5] }, silu: { 2: [0.9, 0.5, 0.6] } }, exact);
  assert.equal(judgeRankClaims(noisy).find((c) => c.id === 'silu-elu-over-relu6')!.verdict, 'not reproduced');
});

test('layer ranks of a zoo ResNet are at most their maxima, with rows = batch × positions', () => {
  const net = tinyResNet(3);
  torch.manualSeed(8);
  const x = torch.keep(torch.randn([6, 1, 8, 8]));
  const ls = layerRanks(net, x);
  assert.equal(ls.length, net.blocks().length + 1);
  assert.deepEqual(ls.map((l) => l.label).slice(0, 2), ['stem', 'block 0']);
  for (const l of ls) {
    assert.equal(l.rows, 6 * l.shape.slice(1).reduce((a, b) => a * b, 1));
    assert.equal(l.channels, l.shape[0]);
    assert.equal(l.maxRank, Math.min(l.rows, l.channels));
    assert.ok(l.rank <= l.exactRank && l.exactRank <= l.maxRank, JSON.stringify(l));
    assert.ok(l.rank >= 1);
    assert.equal(l.normalised, l.rank / l.maxRank);
  }
  assert.deepEqual(ls.map((l) => l.channels), [4, 4, 4, 4, 8, 8]);
  assert.equal(net.training, false, 'the model is left in the mode it was in');
  net.dispose(); x.dispose();
});

test('a rank-2 batch through a bias-free linear stem gives layer 0 exact rank 2 (3 with a bias)', () => {
  const net = new ToyNet();
  torch.manualSeed(3);
  const x = torch.keep(torch.randn([20, 2]).matmul(torch.randn([2, 5])));
  const withBias = layerRanks(net, x);
  assert.equal(withBias[0].exactRank, 3);
  assert.equal(withBias[0].maxRank, 6);
  torch.noGrad(() => { net.stem.bias!.data = torch.zeros([6]); });
  const ls = layerRanks(net, x);
  assert.equal(ls[0].exactRank, 2);
  assert.deepEqual(ls[0].shape, [6]);
  assert.equal(ls[0].rows, 20);
  assert.equal(net.training, true, 'train mode restored');
  net.dispose(); x.dispose();
});

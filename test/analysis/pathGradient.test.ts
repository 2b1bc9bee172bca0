import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { withPathGates, inputGradient, pathGradientNorm, type Probe } from '../../src/analysis/pathGradient.js';
import { analysePaths } from '../../src/analysis/paths.js';
import { binomial } from '../../src/analysis/pathCounts.js';
import { ToyNet, tinyResNet } from './helpers.js';
import { assertClose } from '../helpers/close.js';

function projection(seed: number, shape: number[]): torch.Tensor {
  torch.manualSeed(seed);
  return torch.keep(torch.randn(shape));
}

test('the k = 0 path gradient equals the input gradient of the network with every branch off', () => {
  torch.manualSeed(3);
  const net = new ToyNet(4).eval();
  const x = projection(4, [7, 5]);
  const r = projection(5, [7, 3]);
  const probe: Probe = { x, objective: (z) => z.mul(r).sum() };
  const k0 = withPathGates(net, new Set(), () => inputGradient(net, probe));
  const full = inputGradient(net, probe);
  for (const b of net.blocks()) b.branchScales = [0];
  const off = inputGradient(net, probe);
  for (const b of net.blocks()) b.branchScales = [1];
  assertClose(k0, off, { atol: 1e-6, rtol: 1e-5 });
  assert.ok(full.sub(off).abs().max().item() > 1e-3, 'the full gradient differs, so the comparison can fail');
  // The gates are restored afterwards.
  assert.ok(net.blocks().every((b) => b.branchGradScale === 1 && b.shortcutGradScale === 1));
  net.dispose();
});

test('the path gradients over all 2^n subsets of blocks sum to the full input gradient (ReLU joins, option-A shortcuts)', () => {
  const net = tinyResNet(6, 'A', [2, 2]);
  const x = projection(7, [3, 1, 8, 8]);
  const y = torch.keep(torch.tensor(BigInt64Array.from([0n, 2n, 1n])));
  const probe: Probe = { x, objective: (z) => torch.F.crossEntropy(z, y, { reduction: 'sum' }) };
  const n = net.blocks().length;
  const full = inputGradient(net, probe);
  let sum = torch.keep(torch.zerosLike(full));
  for (let mask = 0; mask < 1 << n; mask++) {
    const chosen = new Set(Array.from({ length: n }, (_, i) => i).filter((i) => mask & (1 << i)));
    const next = torch.tidy(() => sum.add(withPathGates(net, chosen, () => inputGradient(net, probe))));
    sum.dispose();
    sum = torch.keep(next);
  }
  assertClose(sum, full, { atol: 1e-6, rtol: 1e-4 });
  // A single path carries less than the whole.
  assert.ok(pathGradientNorm(net, probe, new Set([0, 1])) < full.flatten(1).norm(2, 1).mean().item());
  net.dispose();
});

test('analysePaths: binomial counts, one gradient per length, contribution = mean × count, a range inside the lengths', () => {
  const net = tinyResNet(8, 'A', [3, 2]);
  const x = projection(9, [4, 1, 8, 8]);
  const y = torch.keep(torch.tensor(BigInt64Array.from([0n, 1n, 2n, 1n])));
  let calls = 0;
  const r = analysePaths(net, 'tiny', { samples: 3, seed: 2, probe: () => { calls++; return { x, objective: (z) => torch.F.crossEntropy(z, y, { reduction: 'sum' }) }; } });
  assert.equal(calls, 6 * 3);
  assert.deepEqual(r.lengths, Array.from({ length: 6 }, (_, k) => ({ length: k, count: Number(binomial(5, k)) })));
  assert.equal(r.gradient.length, 6);
  r.gradient.forEach((g, i) => {
    assert.ok(Number.isFinite(g.mean) && g.mean > 0 && g.sd >= 0, JSON.stringify(g));
    assert.equal(r.contribution[i].value, g.mean * r.lengths[i].count);
  });
  // k = 0 and k = n have a single choice of blocks: no spread.
  assert.equal(r.gradient[0].sd, 0);
  assert.equal(r.gradient[5].sd, 0);
  assert.ok(r.range90[0] >= 0 && r.range90[1] <= 5 && r.range90[0] <= r.range90[1]);
  assert.equal(r.meanPathLength, 2.5);
  const again = analysePaths(net, 'tiny', { samples: 3, seed: 2, probe: () => ({ x, objective: (z) => torch.F.crossEntropy(z, y, { reduction: 'sum' }) }) });
  assert.deepEqual(again, r, 'seeded: the same numbers again');
  net.dispose();
});

test('analysePaths on a plain net: a single path through every block', () => {
  const net = tinyResNet(9, 'none', [2, 2]);
  const x = projection(10, [2, 1, 8, 8]);
  const r = analysePaths(net, 'plain', { samples: 2, seed: 1, probe: () => ({ x, objective: (z) => z.sum() }) });
  assert.equal(r.residualBlocks, 0);
  assert.deepEqual(r.lengths, [{ length: 4, count: 1 }]);
  assert.deepEqual(r.range90, [4, 4]);
  net.dispose();
});

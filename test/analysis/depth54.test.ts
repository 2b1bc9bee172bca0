// The analyses at Veit et al.'s depth: bench:veit's pre-activation ResNet-110 layout (54
// residual blocks) and its stochastic-depth twin, checked where the small nets of the other
// tests cannot speak for them: the path counts of the real 54-block net, lesions of
// dead blocks deep inside it, and the survival scaling of every one of its 54 branches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { buildModel, withInput, type BlockNet } from '../../src/models/index.js';
import { IMAGE_MODELS } from '../../src/train/imageRun.js';
import { pathCounts, blockPaths, binomial } from '../../src/analysis/pathCounts.js';
import { deletable, withRemoved } from '../../src/analysis/lesion.js';
import { outputOf } from './helpers.js';

const INPUT = [1, 28, 28];

/** A seeded fmnist preset in eval mode, BN running statistics randomised so that BN is not the identity. */
function preset(name: string, seed = 3): BlockNet {
  torch.manualSeed(seed);
  const m = buildModel(withInput(IMAGE_MODELS[name].config(), INPUT));
  torch.noGrad(() => {
    for (const [k, t] of m.stateDict()) {
      if (k.endsWith('running_mean')) t.data = torch.randn(t.shape).mul(0.1);
      if (k.endsWith('running_var')) t.data = torch.rand(t.shape).add(0.5);
    }
  });
  return m.eval();
}

const images = () => { torch.manualSeed(5); return torch.keep(torch.randn([3, ...INPUT])); };

test('the 54-block ResNet-110 layout has C(54, k) paths of length k, 2^54 in all', () => {
  const net = preset('fmnist_preact110');
  const blocks = net.blocks();
  assert.equal(blocks.length, 54);
  const counts = pathCounts(blocks.map(blockPaths));
  assert.equal(counts.length, 55);
  counts.forEach((c, k) => assert.equal(c, binomial(54, k), `k=${k}`));
  assert.equal(counts.reduce((a, b) => a + b, 0n), 2n ** 54n);
  // Its plain twin at the same depth has exactly one path, through all 54 blocks.
  const plain = preset('fmnist_plain110');
  assert.deepEqual(pathCounts(plain.blocks().map(blockPaths)), [...Array(54).fill(0n), 1n]);
  net.dispose(); plain.dispose();
});

test('at 54 blocks, deleting blocks whose branches output zero is a no-op; deleting a live one is not', () => {
  const net = preset('fmnist_preact110');
  const x = images();
  const live = outputOf(net, x);
  const can = deletable(net.blocks());
  assert.equal(can.length, 52, 'every block but the two downsampling ones');
  // Dead blocks spread over the three stages, the last block of the net among them.
  const dead = [1, 9, 17, 20, 30, 35, 44, 53];
  assert.deepEqual(can.filter((i) => i % 18 === 0 && i > 0), [], 'the first blocks of stages 2 and 3 downsample');
  assert.ok(dead.every((i) => can.includes(i)));
  assert.ok(live.some((v, i) => Math.abs(v - withRemoved(net, [30], () => outputOf(net, x))[i]) > 1e-5), 'removing a live block should change the output');
  torch.noGrad(() => {
    for (const i of dead) {
      const w = (net.blocks()[i] as unknown as { conv2: { weight: torch.Tensor } }).conv2.weight;
      w.data = torch.zerosLike(w);
    }
  });
  const withDead = outputOf(net, x);
  assert.ok(withDead.some((v, i) => Math.abs(v - live[i]) > 1e-5), 'zeroing the branches did change the net');
  for (const i of dead) assert.deepEqual(withRemoved(net, [i], () => outputOf(net, x)), withDead, `removing dead block ${i}`);
  assert.deepEqual(withRemoved(net, dead, () => outputOf(net, x)), withDead, 'removing all eight at once');
  assert.ok(net.blocks().every((b) => b.enabled), 'withRemoved puts every block back');
  net.dispose();
});

test('the 54-block stochastic-depth net in eval scales branch l by its survival probability 1 − l/108', () => {
  const sd = preset('fmnist_preact110_sd');
  const x = images();
  const rates = sd.blocks().map((b) => b.dropRate);
  assert.equal(rates.length, 54);
  rates.forEach((r, i) => assert.ok(Math.abs(r - (0.5 * (i + 1)) / 54) < 1e-12, `block ${i}: drop rate ${r}`));
  const evalOut = outputOf(sd, x);
  // The same weights with drop-path off and each branch scaled by hand by p_l.
  for (const b of sd.blocks()) { b.branchScales = [1 - b.dropRate]; b.dropRate = 0; }
  const scaled = outputOf(sd, x);
  scaled.forEach((v, i) => assert.ok(Math.abs(v - evalOut[i]) <= 1e-5 * (1 + Math.abs(v)), `logit ${i}: ${v} vs ${evalOut[i]}`));
  // Unscaled branches give another function, so the scaling is not vacuous at this depth.
  for (const b of sd.blocks()) b.branchScales = [1];
  assert.ok(outputOf(sd, x).some((v, i) => Math.abs(v - evalOut[i]) > 1e-3));
  sd.dispose();
});

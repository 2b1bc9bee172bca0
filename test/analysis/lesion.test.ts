import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { runLesion, withRemoved, withSwaps, deletable, swappable } from '../../src/analysis/lesion.js';
import { kendallTau } from '../../src/analysis/stats.js';
import type { Evaluator } from '../../src/analysis/evaluator.js';
import type { BasicBlock, BlockNet } from '../../src/models/index.js';
import { Rng } from '../../src/util/rng.js';
import { tinyResNet, outputOf } from './helpers.js';
import { assertClose } from '../helpers/close.js';

const input = () => { torch.manualSeed(11); return torch.keep(torch.randn([6, 1, 8, 8])); };

test('removing a block whose branch outputs zero leaves the output unchanged (and removing a live one does not)', () => {
  const net = tinyResNet(1);
  const x = input();
  const b = net.blocks()[1] as BasicBlock;
  const before = outputOf(net, x);
  const lesioned = withRemoved(net, [1], () => outputOf(net, x));
  assert.ok(before.some((v, i) => Math.abs(v - lesioned[i]) > 1e-4), 'removing a live block should change the output');
  // bn2 with weight and bias 0 makes the branch output exactly zero in eval mode.
  torch.noGrad(() => {
    (b.bn2 as unknown as { weight: torch.Tensor }).weight.data = torch.zeros([4]);
    (b.bn2 as unknown as { bias: torch.Tensor }).bias.data = torch.zeros([4]);
  });
  const dead = outputOf(net, x);
  const deadRemoved = withRemoved(net, [1], () => outputOf(net, x));
  assert.deepEqual(deadRemoved, dead);
  assert.equal(b.enabled, true, 'withRemoved puts the block back');
  net.dispose();
});

test('reordering identical blocks is a no-op; withSwaps restores the original order', () => {
  const net = tinyResNet(2);
  const x = input();
  const bs = net.blocks();
  // Blocks 1 and 2 (same shape) get block 0's weights: all three identical.
  for (const i of [1, 2]) bs[i].loadStateDict(bs[0].stateDict());
  const before = outputOf(net, x);
  const order = net.blocks();
  net.swapBlocks(0, 2);
  net.swapBlocks(1, 2);
  assert.notEqual(net.blocks()[0], order[0], 'the blocks did move');
  assertClose(outputOf(net, x), before, { atol: 0, rtol: 0 });
  net.swapBlocks(1, 2);
  net.swapBlocks(0, 2);
  // Random swaps of distinct blocks change the output, and are undone afterwards.
  const other = tinyResNet(3);
  const ref = outputOf(other, x);
  const ids = other.blocks();
  const changed = withSwaps(other, 3, new Rng(5), (perm) => {
    assert.equal(kendallTau(perm) < 1, true);
    assert.deepEqual(perm.map((p, i) => ids[p] === other.blocks()[i]), perm.map(() => true), 'perm[i] is the original index at position i');
    return outputOf(other, x);
  });
  assert.ok(changed.some((v, i) => Math.abs(v - ref[i]) > 1e-5));
  assert.deepEqual(other.blocks(), ids);
  assert.deepEqual(outputOf(other, x), ref);
  net.dispose(); other.dispose();
});

test('Kendall τ: 1 for the original order, −1 reversed, (C − 2)/C after one adjacent swap', () => {
  assert.equal(kendallTau([0, 1, 2, 3, 4]), 1);
  assert.equal(kendallTau([4, 3, 2, 1, 0]), -1);
  assert.equal(kendallTau([0, 2, 1, 3, 4]), (10 - 2) / 10);
});

/** An evaluator that records which blocks were off and returns their count. */
function recording(net: BlockNet, seen: number[][]): Evaluator {
  return {
    metric: 'blocks off', lowerIsBetter: true, chance: 0,
    evaluate: () => {
      const off = net.blocks().filter((b) => !b.enabled).map((b) => b.index);
      seen.push(off);
      return { value: off.length };
    },
  };
}

test('runLesion: single marks downsampling blocks, k draws only non-downsampling blocks, the model ends unchanged', () => {
  const net = tinyResNet(4, 'A', [3, 3]);
  const x = input();
  const ref = outputOf(net, x);
  const seen: number[][] = [];
  const r = runLesion(net, 'tiny', recording(net, seen), { modes: ['single', 'k', 'reorder'], trials: 3, seed: 7 });
  assert.equal(r.blocks, 6);
  assert.equal(r.plain, false);
  assert.deepEqual(r.single.map((e) => e.downsample), [false, false, false, true, false, false]);
  assert.ok(r.single.every((e) => e.removable && e.value === 1));
  assert.deepEqual(deletable(net.blocks()), [0, 1, 2, 4, 5]);
  assert.deepEqual(r.k.map((e) => [e.k, e.mean, e.sd, e.trials]), [1, 2, 3, 4, 5].map((k) => [k, k, 0, 3]));
  assert.ok(seen.slice(1 + 6).every((off) => !off.includes(3)), 'k mode never removes the downsampling block');
  // Same-shape groups: {0,1,2} and {4,5}; 5 swappable blocks.
  assert.deepEqual([...swappable(net.blocks()).values()], [[0, 1, 2], [4, 5]]);
  assert.equal(r.reorder.length, 5);
  assert.equal(r.reorderTrials.length, 15);
  assert.ok(r.reorderTrials.every((t) => t.tau <= 1 && t.tau >= -1));
  assert.deepEqual(outputOf(net, x), ref);
  assert.ok(net.blocks().every((b) => b.enabled));
  net.dispose();
});

test('runLesion on a plain twin: downsampling blocks are not removable, identity-shaped ones pass their input on', () => {
  const net = tinyResNet(5, 'none', [2, 2]);
  const r = runLesion(net, 'tiny plain', recording(net, []), { modes: ['single'], trials: 1, seed: 1 });
  assert.equal(r.plain, true);
  assert.deepEqual(r.single.map((e) => [e.removable, e.value]), [[true, 1], [true, 1], [false, null], [true, 1]]);
  // A removed plain identity block passes its input on. Its join (ReLU in ResNet v1) still
  // runs, which is the identity on what a v1 block receives: the previous block's ReLU output.
  const x = input();
  const b = net.blocks()[1];
  const h = torch.tidy(() => torch.noGrad(() => {
    const v = x.repeat(1, 4, 1, 1).relu();
    b.enabled = false;
    const y = b.forward(v);
    b.enabled = true;
    return y.sub(v).abs().max().item();
  }));
  assert.equal(h, 0);
  assert.throws(() => { net.blocks()[2].enabled = false; }, /cannot be removed/);
  net.dispose();
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathCounts, binomial, polynomialProduct, massRange, blockPaths } from '../../src/analysis/pathCounts.js';
import { createModel } from '../../src/models/index.js';

test('n single-branch residual blocks have C(n, k) paths of length k', () => {
  for (const n of [1, 2, 5, 15, 54]) {
    const counts = pathCounts(Array.from({ length: n }, () => ({ hasShortcut: true, numBranches: 1 })));
    assert.equal(counts.length, n + 1);
    counts.forEach((c, k) => assert.equal(c, binomial(n, k), `n=${n} k=${k}`));
    assert.equal(counts.reduce((a, b) => a + b, 0n), 2n ** BigInt(n));
  }
  // Exact beyond 2^53: C(54, 27) = 1,946,939,425,648,112.
  assert.equal(binomial(54, 27), 1946939425648112n);
  assert.equal(binomial(60, 30), 118264581564861424n);
});

test('the blocks of a zoo ResNet give the binomial counts; a plain twin has one path through every block', () => {
  const net = createModel('resnet20');
  assert.deepEqual(pathCounts(net.blocks().map(blockPaths)), Array.from({ length: 10 }, (_, k) => binomial(9, k)));
  net.dispose();
  const plain = createModel('plain20');
  assert.deepEqual(pathCounts(plain.blocks().map(blockPaths)), [...Array(9).fill(0n), 1n]);
  plain.dispose();
});

test('multi-branch blocks multiply (1 + m·x); blocks without a shortcut multiply m·x', () => {
  // Two 2-branch blocks and one 3-branch block: (1+2x)²(1+3x) = 1 + 7x + 16x² + 12x³.
  assert.deepEqual(pathCounts([{ hasShortcut: true, numBranches: 2 }, { hasShortcut: true, numBranches: 3 }, { hasShortcut: true, numBranches: 2 }]), [1n, 7n, 16n, 12n]);
  // A plain 1-branch block shifts every length by one: x(1+x) = x + x².
  assert.deepEqual(pathCounts([{ hasShortcut: false, numBranches: 1 }, { hasShortcut: true, numBranches: 1 }]), [0n, 1n, 1n]);
  assert.deepEqual(polynomialProduct([]), [1n]);
  const net = createModel('multiresnet14_k4');
  const m = net.blocks().map((b) => b.numBranches);
  assert.ok(m.every((v) => v === 4), `multiplicity ${m}`);
  const counts = pathCounts(net.blocks().map(blockPaths));
  counts.forEach((c, k) => assert.equal(c, binomial(m.length, k) * 4n ** BigInt(k)));
  net.dispose();
});

test('massRange: the shortest window holding the share, ties to the heavier', () => {
  assert.deepEqual(massRange([0, 0, 10, 80, 10, 0], 0.9), [2, 3]);
  assert.deepEqual(massRange([1, 1, 1, 1], 0.5), [0, 1]);
  assert.deepEqual(massRange([5, 1, 1, 5], 1), [0, 3]);
  // Binomial(15) counts: 90 % of paths lie in lengths 4–11 or 5–11? Check against the sums.
  const c = Array.from({ length: 16 }, (_, k) => Number(binomial(15, k)));
  const [lo, hi] = massRange(c, 0.9);
  const inside = c.slice(lo, hi + 1).reduce((a, b) => a + b, 0);
  assert.ok(inside >= 0.9 * 32768, `${lo}–${hi} holds ${inside}`);
  assert.ok(c.slice(lo + 1, hi + 1).reduce((a, b) => a + b, 0) < 0.9 * 32768 && c.slice(lo, hi).reduce((a, b) => a + b, 0) < 0.9 * 32768, 'not shortest');
});

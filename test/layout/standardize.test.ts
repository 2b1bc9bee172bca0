import { test } from 'node:test';
import assert from 'node:assert/strict';
import { standardize, applyStandardize } from '../../src/layout/standardize.js';

test('columns get mean 0 and population std 1; constant columns only lose their mean', () => {
  // Three rows, two columns: [1, 5], [2, 5], [3, 5].
  const v = Float32Array.from([1, 5, 2, 5, 3, 5]);
  const stats = standardize(v, 3, 2);
  assert.deepEqual([...stats.mean], [2, 5]);
  assert.ok(Math.abs(stats.std[0] - Math.sqrt(2 / 3)) < 1e-12);
  assert.equal(stats.std[1], 1);
  const z = 1 / Math.sqrt(2 / 3);
  [-z, 0, 0, 0, z, 0].forEach((e, i) => assert.ok(Math.abs(v[i] - e) < 1e-6, `value ${i}: ${v[i]} vs ${e}`));
});

test('held-out rows use the fitted statistics, not their own', () => {
  const stats = standardize(Float32Array.from([0, 10, 2, 30]), 2, 2); // means 1, 20; stds 1, 10
  const held = Float32Array.from([1, 40]);
  applyStandardize(held, 1, 2, stats);
  assert.deepEqual([...held], [0, 2]);
  assert.throws(() => applyStandardize(held, 1, 3, stats), /statistics for 2 columns, rows have 3/);
  assert.throws(() => standardize(new Float32Array(5), 2, 2), /expected 2 × 2 values, got 5/);
});

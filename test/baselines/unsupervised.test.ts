// The unsupervised detectors find an injected outlier, give the same scores for the
// same seed, ECOD/COPOD's tail arithmetic matches a hand computation, and Deep SVDD
// pulls the training rows in towards its centre.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector } from '../../src/baselines/index.js';
import { averagePathLength } from '../../src/baselines/isolation_forest.js';
import { DeepSVDD } from '../../src/baselines/deep_svdd.js';
import { argmax, planeWithOutlier } from './helpers.js';

const UNSUPERVISED = ['zscore', 'isolation_forest', 'ecod', 'copod', 'pca', 'knn'];

for (const name of UNSUPERVISED) {
  test(`${name}: an injected outlier ranks first, in training and in new rows`, async () => {
    const train = planeWithOutlier(400, 6, 1, 123);
    const det = createDetector(name, name === 'pca' ? { components: 2 } : {});
    assert.equal(det.supervised, false);
    await det.fit(train, undefined, { seed: 7 });
    const s = await det.score(train);
    assert.equal(s.length, 400);
    assert.equal(argmax(s), 123);
    const fresh = planeWithOutlier(200, 6, 2, 55);
    // Same plane (the plane comes from the seed), so refit-free scoring must still single it out.
    const held = planeWithOutlier(200, 6, 1, 55);
    assert.equal(argmax(await det.score(held)), 55);
    assert.ok((await det.score(fresh)).every(Number.isFinite));
    det.dispose?.();
  });
}

for (const name of ['isolation_forest', 'pca', 'knn', 'deep_svdd']) {
  test(`${name}: the same seed gives the same scores`, async () => {
    const data = planeWithOutlier(300, 5, 3, 0);
    const run = async (seed: number) => {
      const d = createDetector(name, { ...(name === 'knn' ? { maxTrain: 100 } : {}) });
      await d.fit(data, undefined, { seed });
      const s = await d.score(data);
      d.dispose?.();
      return s;
    };
    assert.deepEqual(await run(11), await run(11));
    if (name !== 'pca') assert.notDeepEqual(await run(11), await run(12));
  });
}

test('isolation_forest: c(n) is the BST average path length, and scores lie in (0, 1)', async () => {
  assert.equal(averagePathLength(1), 0);
  assert.equal(averagePathLength(2), 1);
  assert.ok(Math.abs(averagePathLength(256) - 10.244770920116851) < 1e-9);
  const data = planeWithOutlier(500, 4, 5, 10);
  const d = createDetector('isolation_forest');
  d.fit(data, undefined, { seed: 1 });
  const s = (await d.score(data)) as Float32Array;
  assert.ok(s.every((v) => v > 0 && v < 1));
  assert.ok(s[10] > 0.6, `outlier score ${s[10]}`);
});

test('ecod and copod: tail scores of a skewed column by hand', async () => {
  // One right-skewed column [0, 0, 0, 10]; each scored value counts as one more sample:
  //   v = 5:  P(X <= 5) = 4/5, P(X >= 5) = 2/5   v = -1: P(X <= -1) = 1/5, P(X >= -1) = 5/5
  const train = { x: Float32Array.from([0, 0, 0, 10]), n: 4, f: 1 };
  const query = { x: Float32Array.from([5, -1]), n: 2, f: 1 };
  const ecod = createDetector('ecod');
  ecod.fit(train);
  const e = await ecod.score(query);
  // ECOD: max(left, right, right-tail for positive skew)
  assert.ok(Math.abs(e[0] - Math.log(5 / 2)) < 1e-6);
  assert.ok(Math.abs(e[1] - Math.log(5)) < 1e-6);
  const copod = createDetector('copod');
  copod.fit(train);
  const c = await copod.score(query);
  // COPOD: max(right-tail for positive skew, mean of both tails)
  assert.ok(Math.abs(c[0] - Math.max(Math.log(5 / 2), (Math.log(5 / 4) + Math.log(5 / 2)) / 2)) < 1e-6);
  assert.ok(Math.abs(c[1] - Math.log(5) / 2) < 1e-6);
});

test('zscore: mean and max of |z|', async () => {
  const train = { x: Float32Array.from([0, 10, 2, 10, 4, 10]), n: 3, f: 2 }; // col 0: mean 2, sd sqrt(8/3); col 1 constant
  const q = { x: Float32Array.from([2 + 2 * Math.sqrt(8 / 3), 10]), n: 1, f: 2 };
  const mean = createDetector('zscore');
  mean.fit(train);
  assert.ok(Math.abs((await mean.score(q))[0] - 1) < 1e-5);
  const max = createDetector('zscore', { reduce: 'max' });
  max.fit(train);
  assert.ok(Math.abs((await max.score(q))[0] - 2) < 1e-5);
});

test('deep_svdd: trained on normal rows (its one-class protocol), a new outlier ranks first', async () => {
  // Deep SVDD assumes clean training rows: with the outlier among 400 training rows it
  // maps that high-leverage row close to the centre (measured: it ranks among the lowest scores), which is why
  // it is not in the contaminated test above.
  for (const [seed, at] of [[1, 55], [4, 3]] as const) {
    const rows = planeWithOutlier(401, 6, seed, 400);
    const clean = { x: rows.x.subarray(0, 400 * 6), n: 400, f: 6 };
    const d = createDetector('deep_svdd');
    assert.equal(d.supervised, false);
    await d.fit(clean, undefined, { seed: 7 });
    assert.equal(argmax(await d.score(planeWithOutlier(200, 6, seed, at))), at);
    d.dispose?.();
  }
});

test('deep_svdd: training shrinks the mean distance to the centre, and the network has no biases (no constant map onto the centre)', async () => {
  const data = planeWithOutlier(500, 8, 4, 3);
  const d = new DeepSVDD({ steps: 300, batchSize: 128 });
  d.fit(data, undefined, { seed: 2 });
  assert.ok(d.losses.length === 6, `${d.losses.length} loss windows`);
  assert.ok(d.losses.at(-1)! < 0.5 * d.losses[0]!, `losses ${d.losses.map((v) => v.toFixed(3)).join(' ')}`);
  const s = await d.score(data);
  // Scored rows are not all at the centre: the collapse the bias-free design rules out.
  const sorted = [...s].sort((a, b) => a - b);
  assert.ok(sorted[250]! > 1e-6, `median distance ${sorted[250]}`);
  d.dispose();
});

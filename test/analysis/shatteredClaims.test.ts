// The verdicts on Balduzzi et al.'s claims, on hand-made correlation curves with known answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ShatteredSeries } from '../../src/analysis/shattered/study.js';
import { plainCollapses, residualAbovePlain, decaysSlowly, keepsMore, sweepClaims } from '../../src/analysis/shattered/claims.js';

const series = (name: string, points: [number, number, number?][]): ShatteredSeries[] => points.map(([depth, m, s]) => ({
  series: name, depth, seeds: [1, 2], neighbour: { mean: m, sd: s ?? 0.01, values: [m, m] }, autocorrelation: [], gradient: [],
}));

test('plainCollapses: into the noise band is reproduced, halfway is partly, staying smooth is not reproduced', () => {
  assert.equal(plainCollapses(series('p', [[2, 0.95], [8, 0.5], [20, 0.05]]), 'p', 0.19).verdict, 'reproduced');
  assert.match(plainCollapses(series('p', [[2, 0.95], [8, 0.5], [20, 0.05]]), 'p', 0.19).evidence, /reached at depth 20/);
  assert.equal(plainCollapses(series('p', [[2, 0.95], [20, 0.4]]), 'p', 0.19).verdict, 'partly');
  assert.equal(plainCollapses(series('p', [[2, 0.95], [20, 0.6]]), 'p', 0.19).verdict, 'not reproduced');
  assert.equal(plainCollapses(series('p', [[2, 0.95]]), 'p', 0.19).verdict, 'too small to tell');
});

test('residualAbovePlain: above at every depth past the first; only at the deepest is partly', () => {
  const plain = series('plain', [[2, 0.99], [8, 0.6], [20, 0.0]]);
  assert.equal(residualAbovePlain([...plain, ...series('res', [[2, 0.98], [8, 0.9], [20, 0.8]])], 'res', 'plain', 0.19).verdict, 'reproduced');
  assert.equal(residualAbovePlain([...plain, ...series('res', [[2, 0.98], [8, 0.5], [20, 0.3]])], 'res', 'plain', 0.19).verdict, 'partly');
  assert.equal(residualAbovePlain([...plain, ...series('res', [[2, 0.98], [8, 0.5], [20, -0.1]])], 'res', 'plain', 0.19).verdict, 'not reproduced');
});

test('decaysSlowly compares r(L_max)/r(L_min) with √(L_min/L_max); keepsMore needs a margin of the larger sd', () => {
  // √(2/50) = 0.2.
  assert.equal(decaysSlowly(series('r', [[2, 1], [50, 0.25]]), 'r').verdict, 'reproduced');
  assert.equal(decaysSlowly(series('r', [[2, 1], [50, 0.15]]), 'r').verdict, 'partly');
  assert.equal(decaysSlowly(series('r', [[2, 1], [50, 0.05]]), 'r').verdict, 'not reproduced');
  const a = series('a', [[20, 0.9, 0.05]]);
  assert.equal(keepsMore([...a, ...series('b', [[20, 0.8, 0.02]])], 'a', 'b', 'c').verdict, 'reproduced');
  assert.equal(keepsMore([...a, ...series('b', [[20, 0.88, 0.02]])], 'a', 'b', 'c').verdict, 'partly');
  assert.equal(keepsMore([...a, ...series('b', [[20, 0.95, 0.02]])], 'a', 'b', 'c').verdict, 'not reproduced');
});

test('sweepClaims judges only what was measured', () => {
  const rs = [...series('plain+BN', [[2, 0.99], [20, 0.0]]), ...series('resnet+BN', [[2, 0.99], [20, 0.9]])];
  const claims = sweepClaims(rs, 0.19);
  assert.deepEqual(claims.map((c) => c.verdict), ['reproduced', 'reproduced', 'reproduced']);
  assert.ok(claims.every((c) => !/preact|plain nets \(plain\)/.test(c.claim)));
});

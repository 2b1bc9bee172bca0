import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitNormalizer, applyNormalizer, normalQuantile, smoothClip } from '../../src/layout/normalize.js';

test('normalQuantile matches known values of the standard normal', () => {
  assert.ok(Math.abs(normalQuantile(0.5)) < 1e-12);
  assert.ok(Math.abs(normalQuantile(0.975) - 1.959963984540054) < 1e-8);
  assert.ok(Math.abs(normalQuantile(0.001) + 3.090232306167813) < 1e-8);
});

test('robust: log1p for non-negative columns, median and IQR from training rows only, clipped', () => {
  // Column 0: counts (log1p); column 1: can be negative (no log). Rows 4-5 are "test" rows.
  const x = Float32Array.from([0, -1, 1, 0, 3, 1, 7, 2, 1e9, 50, -5, 1e9]);
  const train = Int32Array.from([0, 1, 2, 3]);
  const st = fitNormalizer(x, 2, train);
  assert.equal(st.transforms[0].log, true);
  assert.equal(st.transforms[1].log, false);
  assert.ok(Math.abs(st.transforms[0].center - (Math.log1p(1) + Math.log1p(3)) / 2) < 1e-9, 'median of log1p(0, 1, 3, 7)');
  assert.equal(st.transforms[1].center, 0.5);
  const y = applyNormalizer(st, x, 2);
  assert.equal(y[9], 20, 'a huge held-out value is clipped');
  const again = fitNormalizer(Float32Array.from([...x.slice(0, 8), 0, 0, 0, 0]), 2, train);
  assert.deepEqual(again, st, 'held-out rows do not change the fit');
});

test('quantile (rank-Gauss): monotone, ties share their mid-rank score, outside values clamp to the ends', () => {
  const col = Float32Array.from([0, 0, 0, 0, 1, 2, 3, 10]);
  const st = fitNormalizer(col, 1, Int32Array.from(col.keys()), { kind: 'quantile', noLog: [true] });
  const y = applyNormalizer(st, Float32Array.from([0, 1, 2.5, 3, 10, 100, -4]), 1);
  // The four zeros hold ranks 0-3 of 8: mid-rank cdf 2/8.
  assert.ok(Math.abs(y[0] - normalQuantile(2 / 8)) < 1e-6);
  for (let i = 1; i < 5; i++) assert.ok(y[i] > y[i - 1], 'increasing');
  assert.equal(y[5], y[4], 'above the largest training value: the top score');
  assert.equal(y[6], y[0], 'below the smallest: the bottom score');
});

test('smooth (RealMLP): robust scaling, then a smooth clip that keeps the order of extreme values', () => {
  const x = Float32Array.from([0, 1, 3, 7, 30, 60, 120]);
  const train = Int32Array.from([0, 1, 2, 3]);
  const robust = fitNormalizer(x, 1, train, { noLog: [true] });
  const smooth = fitNormalizer(x, 1, train, { noLog: [true], kind: 'smooth' });
  assert.equal(smooth.kind, 'robust-smooth');
  assert.deepEqual(smooth.transforms, robust.transforms, 'the same fitted centre and scale');
  const r = applyNormalizer(robust, x, 1), s = applyNormalizer(smooth, x, 1);
  for (let i = 0; i < x.length; i++) {
    const z = (x[i] - robust.transforms[0].center) / robust.transforms[0].scale;
    assert.ok(Math.abs(s[i] - z / Math.sqrt(1 + (z / 3) ** 2)) < 1e-5 * Math.max(1, Math.abs(s[i])));
  }
  assert.equal(r[5], r[6], 'the hard clip ties the two largest values');
  assert.ok(s[6] > s[5] && s[5] > s[4], 'the smooth clip keeps them apart');
  assert.ok(s[6] < 3);
  assert.ok(Math.abs(smoothClip(0.1) - 0.1) < 1e-3, 'near-identity at small values');
  assert.equal(smoothClip(-2), -smoothClip(2));
});

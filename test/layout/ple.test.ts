// The piecewise-linear encoding (src/layout/ple.ts): its edges are the training rows'
// quantiles, it is monotone and piecewise linear between them, and the layouts put each
// column's T components where the model's embedding reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { fitPrepare, applyPrepare } from '../../src/layout/prepare.js';
import { fitLayout, BoundLayout, LAYOUT_KINDS } from '../../src/layout/layout.js';
import { PleEncoder, pleEdges, type PleState } from '../../src/layout/ple.js';
import { makeSplit } from '../../src/train/split.js';
import { toyMatrix } from '../train/helpers.js';

const m = toyMatrix({ users: 12, days: 30, insiders: 3 });
const split = makeSplit({ user: m.user, time: m.time, insider: m.insider }, { kind: 'time', seed: 1 });
const T = 8;
const rowsT = (r: ArrayLike<number>) => torch.tensor(BigInt64Array.from(Array.from(r), BigInt));

/** numpy.quantile(v, q) (method 'linear'), written out. */
function npQuantile(v: number[], q: number): number {
  const s = [...v].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const i = Math.floor(h);
  return i + 1 < s.length ? s[i] + (h - i) * (s[i + 1] - s[i]) : s[i];
}

/** The encoding of values `xs` under one column's state, [xs.length][T]. */
function encodeColumn(state: PleState, j: number, xs: number[]): number[][] {
  const one: PleState = { bins: state.bins, edges: [state.edges[j]] };
  const enc = new PleEncoder(one);
  try {
    return torch.tidy(() => enc.encode(torch.tensor(Float32Array.from(xs), { shape: [xs.length, 1] })).toArray() as number[][][]).map((r) => r[0]);
  } finally {
    enc.dispose();
  }
}

for (const deviation of [[], ['user', 'peer']] as const) {
  test(`PLE edges are the training rows' quantiles at 0, 1/T, …, 1, duplicates merged (${deviation.length ? 'value and deviation channels' : 'value channel'})`, () => {
    const prep = fitPrepare(m, split.train, { deviation: [...deviation], ple: { bins: T } });
    const base = applyPrepare(prep, m);
    const w = prep.channels.length * prep.inputs.length;
    assert.equal(prep.ple!.edges.length, w);
    let full = 0;
    for (let j = 0; j < w; j++) {
      const v = Array.from(split.train, (i) => base[i * w + j]);
      const q = Array.from({ length: T + 1 }, (_, k) => npQuantile(v, k / T));
      const distinct = q.filter((x, k) => k === 0 || x !== q[k - 1]);
      const want = distinct.length === 1 ? [distinct[0], distinct[0] + 1] : distinct;
      const got = prep.ple!.edges[j];
      assert.equal(got.length, want.length, `column ${j}: ${got} vs ${want}`);
      got.forEach((e, k) => assert.ok(Math.abs(e - want[k]) <= 1e-9 * (1 + Math.abs(want[k])), `column ${j} edge ${k}: ${e} vs ${want[k]}`));
      if (got.length === T + 1) full++;
    }
    assert.ok(full > 0, 'some column has all T bins');
  });
}

test('edges closer than 1e-4 merge (the maximum stays the last edge); a constant column gets one unit bin', () => {
  // Quantiles 0, 0, 2e-5, 4, 8: the second is a duplicate, the third within 1e-4 of the first.
  assert.deepEqual(pleEdges(Float64Array.from([0, 0, 0, 0, 0, 0, 0, 0, 2e-5, 1, 2, 3, 4, 5, 6, 7, 8]), 4), [0, 4, 8]);
  // Quantiles 1, 3, 3, 3 + 1e-6, 3 + 1e-6: the maximum replaces the edge it is too close to.
  assert.deepEqual(pleEdges(Float64Array.from([1, 3, 3, 3 + 1e-6, 3 + 1e-6]), 4), [1, 3 + 1e-6]);
  assert.deepEqual(pleEdges(Float64Array.from([3, 3, 3]), 8), [3, 4]);
});

test('PLE is monotone and piecewise linear between the fitted edges: 1 below, (x − left)/(right − left) inside, 0 above; the first and last bins extrapolate', () => {
  const prep = fitPrepare(m, split.train, { ple: { bins: T } });
  const ple = prep.ple!;
  const columns = [ple.edges.findIndex((e) => e.length === T + 1), ple.edges.findIndex((e) => e.length > 2 && e.length < T + 1)];
  assert.ok(columns.every((j) => j >= 0));
  for (const j of columns) {
    const e = ple.edges[j], n = e.length - 1;
    const lo = e[0] - 1, hi = e[n] + 1;
    const xs = Array.from({ length: 801 }, (_, k) => lo + ((hi - lo) * k) / 800);
    const enc = encodeColumn(ple, j, xs);
    const tol = 1e-4;
    // Monotone: the sum of components, and the dot with increasing weights, never decrease.
    for (let k = 1; k < xs.length; k++) {
      const s = (r: number[]) => r.reduce((a, b) => a + b, 0), dot = (r: number[]) => r.reduce((a, b, t) => a + b * (t + 1), 0);
      assert.ok(s(enc[k]) >= s(enc[k - 1]) - tol, `column ${j}: sum decreases at x = ${xs[k]}`);
      assert.ok(dot(enc[k]) >= dot(enc[k - 1]) - tol);
    }
    // The definition, component by component (bins a column lacks are always 0).
    xs.forEach((x, k) => enc[k].forEach((v, t) => {
      let want = 0;
      if (t < n) {
        const r = (x - e[t]) / (e[t + 1] - e[t]);
        want = t === 0 && t === n - 1 ? r : t === 0 ? Math.min(r, 1) : t === n - 1 ? Math.max(r, 0) : Math.min(Math.max(r, 0), 1);
      }
      assert.ok(Math.abs(v - want) <= tol * (1 + Math.abs(want)), `column ${j}, x = ${x}, component ${t}: ${v} vs ${want}`);
    }));
    // Piecewise linear: within each bin (and beyond either end) the midpoint's encoding is the mean of its neighbours'.
    const segments = [[lo, e[0]], ...e.slice(1).map((r, t) => [e[t], r]), [e[n], hi]];
    for (const [a, b] of segments) {
      const [x1, x2, x3] = [a + (b - a) * 0.1, a + (b - a) * 0.5, a + (b - a) * 0.9];
      const [p, q, r] = encodeColumn(ple, j, [x1, x2, x3]);
      q.forEach((v, t) => assert.ok(Math.abs(v - (p[t] + r[t]) / 2) <= tol, `column ${j}: not linear in [${a}, ${b}]`));
    }
    // At edge k: k ones, then zeros.
    encodeColumn(ple, j, e).forEach((r, k) => r.forEach((v, t) => assert.ok(Math.abs(v - (t < k ? 1 : 0)) <= tol)));
    assert.ok(encodeColumn(ple, j, [lo])[0][0] < 0 && encodeColumn(ple, j, [hi])[0][n - 1] > 1, 'the extreme bins extrapolate');
  }
});

test("the flat layout's PLE of a column rises with the column: rows sorted by a value give non-decreasing sums of its T components", () => {
  const prep = fitPrepare(m, split.train, { ple: { bins: T } });
  const base = applyPrepare(prep, m);
  const f = prep.inputs.length;
  const L = new BoundLayout(fitLayout('flat', prep, base, split.train), prep, base, m.n, m);
  try {
    assert.deepEqual(L.inputShape, [f * T]);
    const j = prep.ple!.edges.findIndex((e) => e.length === T + 1);
    const order = Array.from({ length: m.n }, (_, i) => i).sort((a, b) => base[a * f + j] - base[b * f + j]);
    const x = torch.tidy(() => L.batch(rowsT(order)).dataSync() as Float32Array);
    let prev = -Infinity;
    order.forEach((_, k) => {
      let s = 0;
      for (let t = 0; t < T; t++) s += x[k * f * T + j * T + t];
      assert.ok(s >= prev - 1e-5);
      prev = s;
    });
  } finally {
    L.dispose();
  }
});

for (const kind of LAYOUT_KINDS) {
  test(`${kind} layout with PLE: T values per value (flat: a column's T together, else channel c·T + t is component t of channel c), finite, a domain per element`, () => {
    const prep = fitPrepare(m, split.train, { deviation: ['user'], ple: { bins: T } });
    const base = applyPrepare(prep, m);
    const spec = fitLayout(kind, prep, base, split.train, { days: 5, pixels: 8 });
    const L = new BoundLayout(spec, prep, base, m.n, m);
    const flat = new BoundLayout(fitLayout('flat', prep, base, split.train), prep, base, m.n, m);
    const C = 2, f = prep.inputs.length;
    const want = { flat: [C * f * T], seq: [C * T, f], grid: [C * T + 1, 6, 5], history: [C * T * f + 1, 5], timeline: [5, C * T, f + 1], learned: [C * T, f], deepinsight: [C * T + 1, 8, 8] }[kind];
    try {
      assert.deepEqual(L.inputShape, want);
      torch.tidy(() => {
        const rows = [3, 50, m.n - 1];
        const x = L.batch(rowsT(rows));
        assert.deepEqual(x.shape, [rows.length, ...want]);
        assert.ok(x.isfinite().all().item());
        if (kind === 'seq' || kind === 'learned') {
          const e = flat.batch(rowsT(rows)).toArray() as number[][];
          const s = x.toArray() as number[][][];
          const order = spec.kind === 'seq' ? spec.order : Array.from({ length: f }, (_, j) => j);
          rows.forEach((_, b) => { for (let c = 0; c < C; c++) for (let t = 0; t < T; t++) for (let p = 0; p < f; p++) assert.equal(s[b][c * T + t][p], e[b][(c * f + order[p]) * T + t]); });
        }
      });
      assert.equal(L.inputDomains().length, want.reduce((a, b) => a * b, 1));
    } finally {
      L.dispose();
      flat.dispose();
    }
  });
}

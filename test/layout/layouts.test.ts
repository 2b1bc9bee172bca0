import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { fitPrepare, applyPrepare, inputColumns } from '../../src/layout/prepare.js';
import { fitLayout, BoundLayout, LAYOUT_KINDS, inputShapeOf } from '../../src/layout/layout.js';
import { historyIndex } from '../../src/layout/history.js';
import { userDeviation } from '../../src/layout/deviation.js';
import { makeSplit } from '../../src/train/split.js';
import { toyMatrix } from '../train/helpers.js';

const m = toyMatrix({ users: 12, days: 30, insiders: 3 });
const split = makeSplit({ user: m.user, time: m.time, insider: m.insider }, { kind: 'time', seed: 1 });
const rowsT = (r: number[]) => torch.tensor(BigInt64Array.from(r, BigInt));

test('inputs leave out categorical index columns', () => {
  const inputs = inputColumns(m.schema);
  assert.equal(inputs.length, m.columns.length - 1);
  assert.ok(!inputs.includes('context_index_department'));
});

for (const kind of LAYOUT_KINDS) {
  for (const deviation of [[], ['user', 'peer']] as const) {
    test(`${kind} layout (${deviation.length ? 'with' : 'without'} deviation channels): batch shape and finite values`, () => {
      const prep = fitPrepare(m, split.train, { deviation: [...deviation] });
      const base = applyPrepare(prep, m);
      const spec = fitLayout(kind, prep, base, split.train, { days: 7, order: "correlated", pixels: 8 });
      const L = new BoundLayout(spec, prep, base, m.n, m);
      const C = 1 + deviation.length, f = prep.inputs.length;
      const expected = { flat: [C * f], seq: [C, f], grid: [C + 1, 6, 5], history: [C * f + 1, 7], timeline: [7, C, f + 1], learned: [C, f], deepinsight: [C + 1, 8, 8] }[kind];
      assert.deepEqual(L.inputShape, expected);
      assert.deepEqual(inputShapeOf(spec, prep), expected);
      torch.tidy(() => {
        const x = L.batch(rowsT([0, 5, 100, m.n - 1]));
        assert.deepEqual(x.shape, [4, ...expected]);
        assert.ok(x.isfinite().all().item());
      });
      assert.equal(L.inputDomains().length, expected.reduce((a, b) => a * b, 1));
      L.dispose();
    });
  }
}

test('grid: values land in their domain row, padded cells are 0 and the mask channel marks real cells', () => {
  const prep = fitPrepare(m, split.train);
  const base = applyPrepare(prep, m);
  const spec = fitLayout('grid', prep, base, split.train);
  assert.equal(spec.kind, 'grid');
  if (spec.kind !== 'grid') return;
  const L = new BoundLayout(spec, prep, base, m.n, m);
  const f = prep.inputs.length;
  const x = torch.tidy(() => L.batch(rowsT([42])).dataSync() as Float32Array);
  const cells = spec.rows.length * spec.width;
  spec.cells.forEach((j, k) => {
    assert.equal(x[k], j < 0 ? 0 : base[42 * f + j]);
    assert.equal(x[cells + k], j < 0 ? 0 : 1);
  });
  // The row of cell k holds a column of that row's domain.
  spec.cells.forEach((j, k) => { if (j >= 0) assert.equal(prep.domains[j], spec.rows[Math.floor(k / spec.width)]); });
  L.dispose();
});

test('history: a sample holds only the same user at or before its own day, oldest first', () => {
  const T = 5;
  const idx = historyIndex(m.user, m.time, T, m.n);
  for (let i = 0; i < m.n; i++) {
    let prevTime = -Infinity;
    for (let t = 0; t < T; t++) {
      const r = Number(idx[i * T + t]);
      if (r === m.n) { assert.equal(prevTime, -Infinity, 'padding only at the front'); continue; }
      assert.equal(m.user[r], m.user[i]);
      assert.ok(m.time[r] <= m.time[i]);
      assert.ok(m.time[r] > prevTime);
      prevTime = m.time[r];
    }
    assert.equal(Number(idx[i * T + T - 1]), i, 'the last slot is the row itself');
  }
});

test('history: changing a later day never changes an earlier sample', () => {
  const prep = fitPrepare(m, split.train, { deviation: ['user'] });
  const spec = fitLayout('history', prep, applyPrepare(prep, m), split.train, { days: 6 });
  const before = new BoundLayout(spec, prep, applyPrepare(prep, m), m.n, m);
  const row = 20; // user 0, day 20
  const changed = { ...m, values: m.values.slice() };
  const f = m.columns.length;
  for (let i = row + 1; i < 30; i++) for (let j = 0; j < f - 1; j++) changed.values[i * f + j] += 1000;
  const after = new BoundLayout(spec, prep, applyPrepare(prep, changed), m.n, changed);
  torch.tidy(() => assert.deepEqual(before.batch(rowsT([row])).dataSync(), after.batch(rowsT([row])).dataSync()));
  before.dispose(); after.dispose();
});

test('timeline: day t of a sample is its user\'s row t days back (today last), padded days are 0 with presence 0', () => {
  const prep = fitPrepare(m, split.train, { deviation: ['user', 'peer'] });
  const base = applyPrepare(prep, m);
  const T = 5;
  const L = new BoundLayout(fitLayout('timeline', prep, base, split.train, { days: T }), prep, base, m.n, m);
  const C = prep.channels.length, f = prep.inputs.length;
  const rows = [2, 17, 30]; // user 0 day 2 (two past rows), user 0 day 17, user 1 day 0 (none)
  const x = torch.tidy(() => L.batch(rowsT(rows)).dataSync() as Float32Array);
  rows.forEach((r, b) => {
    const dayOfUser = m.time[r] - m.time[m.user[r] * 30];
    for (let t = 0; t < T; t++) {
      const back = T - 1 - t, present = back <= dayOfUser;
      for (let c = 0; c < C; c++) {
        const at = ((b * T + t) * C + c) * (f + 1);
        assert.equal(x[at + f], present ? 1 : 0, `row ${r} day ${t} presence`);
        for (let j = 0; j < f; j++) assert.equal(x[at + j], present ? base[(r - back) * C * f + c * f + j] : 0);
      }
    }
  });
  L.dispose();
});

test('user deviation: z against the previous rows in the window, 0 without enough history', () => {
  const x = Float32Array.from([1, 2, 3, 10, 5]);
  const user = Int32Array.from([0, 0, 0, 0, 1]);
  const time = Int32Array.from([0, 1, 2, 3, 3]);
  const d = userDeviation(x, 1, user, time, { window: 28, minHistory: 3, floor: 0.5 });
  // Row 3: previous 1, 2, 3 → mean 2, population var 2/3; (10 − 2) / sqrt(2/3 + 0.25).
  assert.ok(Math.abs(d[3] - 8 / Math.sqrt(2 / 3 + 0.25)) < 1e-5);
  assert.deepEqual([d[0], d[1], d[2], d[4]], [0, 0, 0, 0]);
  // A window of 1 day sees only row 2 → fewer than minHistory rows → 0.
  assert.equal(userDeviation(x, 1, user, time, { window: 1, minHistory: 3, floor: 0.5 })[3], 0);
});

for (const kind of ['time', 'user', 'le2020'] as const) {
  test(`${kind} split: no test row influences any fitted transform`, () => {
    const s = makeSplit({ user: m.user, time: m.time, insider: m.insider }, { kind, seed: 9 });
    const fitAll = (mm: typeof m) => {
      // PLE edges too (prep.ple): fitted on the base matrix's training rows, deviation channels included.
      const prep = fitPrepare(mm, s.train, { deviation: ['user', 'peer'], ple: { bins: 8 } });
      const base = applyPrepare(prep, mm);
      return { prep, seq: fitLayout('seq', prep, base, s.train, { order: 'correlated' }), grid: fitLayout('grid', prep, base, s.train), base };
    };
    const a = fitAll(m);
    // Scramble every test row (and validation row) beyond recognition.
    const changed = { ...m, values: m.values.slice() };
    const f = m.columns.length;
    for (const i of [...s.test, ...s.val]) for (let j = 0; j < f - 1; j++) changed.values[i * f + j] = 1e4 + i * 13 + j;
    const b = fitAll(changed);
    assert.equal(a.prep.ple?.edges.length, a.prep.channels.length * a.prep.inputs.length);
    assert.deepEqual(b.prep, a.prep);
    assert.deepEqual(b.seq, a.seq);
    assert.deepEqual(b.grid, a.grid);
    // And the training rows' inputs are unchanged (the user deviation only looks back in time, within a user).
    const w = a.prep.channels.length * a.prep.inputs.length;
    for (const i of s.train) assert.deepEqual(b.base.subarray(i * w, (i + 1) * w), a.base.subarray(i * w, (i + 1) * w));
  });
}

// Causality of the model inputs: with the fitted state held fixed (fitted on training rows,
// tested elsewhere), a row's deviation channels and every layout's sample for it are the
// same whether or not rows of later days exist. The matrix is cut at day d (rows of later
// days dropped, the rest kept in order), and each layout bound to the cut matrix must give
// the cut rows exactly what it gives them bound to the whole matrix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { fitPrepare, applyPrepare, type MatrixLike } from '../../src/layout/prepare.js';
import { fitLayout, BoundLayout, LAYOUT_KINDS } from '../../src/layout/layout.js';
import { makeSplit } from '../../src/train/split.js';
import { toyMatrix } from '../train/helpers.js';

const m = toyMatrix({ users: 10, days: 40, insiders: 3 });
const split = makeSplit({ user: m.user, time: m.time, insider: m.insider }, { kind: 'time', seed: 1 });

/** The rows of `m` up to day `d`, in their order; `rows[i]` is cut row i's index in `m`. */
function cutAt(d: number): { cut: MatrixLike; rows: number[] } {
  const rows = [...Array(m.n).keys()].filter((i) => m.time[i] <= d);
  const f = m.columns.length;
  const values = new Float32Array(rows.length * f);
  rows.forEach((r, i) => values.set(m.values.subarray(r * f, (r + 1) * f), i * f));
  const pick = (a: Int32Array) => Int32Array.from(rows, (r) => a[r]);
  return { cut: { schema: m.schema, columns: m.columns, n: rows.length, values, user: pick(m.user), time: pick(m.time) }, rows };
}

const rowsT = (r: number[]) => torch.tensor(BigInt64Array.from(r, BigInt));

for (const d of [m.time[0] + 5, m.time[0] + 21]) {
  test(`deviation inputs and every layout: rows up to day ${d - m.time[0]} do not change when later rows are added`, () => {
    const { cut, rows } = cutAt(d);
    const prep = fitPrepare(m, split.train, { deviation: ['user', 'peer'] });
    const fullBase = applyPrepare(prep, m);
    const cutBase = applyPrepare(prep, cut);
    const w = prep.channels.length * prep.inputs.length;
    rows.forEach((r, i) => assert.deepEqual(cutBase.subarray(i * w, (i + 1) * w), fullBase.subarray(r * w, (r + 1) * w), `row ${r}: prepared inputs differ`));
    for (const kind of LAYOUT_KINDS) {
      const spec = fitLayout(kind, prep, fullBase, split.train, { days: 7, order: 'correlated', pixels: 8, seed: 3 });
      const full = new BoundLayout(spec, prep, fullBase, m.n, m);
      const part = new BoundLayout(spec, prep, cutBase, cut.n, cut);
      torch.tidy(() => {
        const a = full.batch(rowsT(rows)).dataSync() as Float32Array;
        const b = part.batch(rowsT(rows.map((_, i) => i))).dataSync() as Float32Array;
        assert.deepEqual(b, a, `${kind}: samples of rows up to the cut differ`);
      });
      full.dispose();
      part.dispose();
    }
  });
}

// matmul (with broadcasting), mm, bmm, dot, outer, linear, addmm, einsum, matrix rank and
// singular values, against products written out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { F } from '../../src/torch/index.js';
import { det } from '../helpers/det.js';
import { assertClose } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

/** Plain triple loop over nested arrays. */
function naiveMatmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

test('mm and matmul equal the naive product', () => {
  const a = det([3, 4], 1);
  const b = det([4, 2], 2);
  const want = naiveMatmul(a.toArray() as number[][], b.toArray() as number[][]);
  assertClose(a.mm(b), want.flat(), { atol: 1e-12 });
  assertClose(a.matmul(b), want.flat(), { atol: 1e-12 });
  assert.throws(() => a.mm(a), /cannot be multiplied|size mismatch|shapes/);
});

test('matmul broadcasts batch dims and handles vectors', () => {
  const a = det([2, 1, 3, 4], 3);
  const b = det([5, 4, 2], 4);
  const c = a.matmul(b);
  assert.deepEqual(c.shape, [2, 5, 3, 2]);
  const want = naiveMatmul(a.select(0, 1).select(0, 0).toArray() as number[][], b.select(0, 3).toArray() as number[][]);
  assertClose(c.select(0, 1).select(0, 3), want.flat(), { atol: 1e-12 });
  const v = det([4], 5);
  assert.deepEqual(det([3, 4], 6).matmul(v).shape, [3]);
  assert.deepEqual(v.matmul(v).shape, []);
});

test('bmm, dot, outer', () => {
  const a = det([3, 2, 4], 7);
  const b = det([3, 4, 5], 8);
  const c = a.bmm(b);
  for (let i = 0; i < 3; i++) {
    const want = naiveMatmul(a.select(0, i).toArray() as number[][], b.select(0, i).toArray() as number[][]);
    assertClose(c.select(0, i), want.flat(), { atol: 1e-12 });
  }
  assert.throws(() => det([2, 3], 1).bmm(det([2, 3], 1)), /3D|batch1/);
  const u = torch.tensor([1, 2, 3], { dtype: 'float64' });
  const w = torch.tensor([4, 5, 6], { dtype: 'float64' });
  assert.equal(u.dot(w).item(), 32);
  assert.deepEqual(u.outer(torch.tensor([1, -1], { dtype: 'float64' })).toArray(), [[1, -1], [2, -2], [3, -3]]);
});

test('linear is x·Wᵀ + b and works on extra leading dims', () => {
  const x = det([2, 3, 4], 9);
  const w = det([5, 4], 10);
  const b = det([5], 11);
  const y = F.linear(x, w, b);
  assert.deepEqual(y.shape, [2, 3, 5]);
  assertClose(y, x.matmul(w.t()).add(b), { atol: 1e-12 });
  assertClose(F.linear(x, w), x.matmul(w.t()), { atol: 1e-12 });
  assertClose(torch.addmm(b, x.select(0, 0), w.t(), 0.5, 2), x.select(0, 0).matmul(w.t()).mul(2).add(b.mul(0.5)), { atol: 1e-12 });
});

test('einsum: batched product, trace, transpose, reductions', () => {
  const a = det([2, 3, 4], 12);
  const b = det([2, 4, 5], 13);
  assertClose(torch.einsum('bij,bjk->bik', a, b), a.bmm(b), { atol: 1e-12 });
  const sq = det([4, 4], 14);
  const diag = (sq.toArray() as number[][]).reduce((s, row, i) => s + row[i], 0);
  assertClose(torch.einsum('ii', sq).item(), diag, { atol: 1e-12 });
  assertClose(torch.einsum('ij->ji', sq), sq.t(), { atol: 0 });
  assertClose(torch.einsum('bij->b', a), a.sum([1, 2]), { atol: 1e-12 });
  assert.throws(() => torch.einsum('ij,jk->ik', a, b), /einsum/);
});

test('matrixRank and svdvals', () => {
  const u = det([5, 1], 15);
  const v = det([1, 4], 16);
  const rank1 = u.matmul(v).add(det([5, 1], 17).matmul(det([1, 4], 18)));
  assert.equal(torch.matrixRank(rank1).item(), 2);
  assert.equal(torch.matrixRank(torch.eye(3, 3, { dtype: 'float64' })).item(), 3);
  assertClose(torch.svdvals(torch.tensor([[3, 0], [0, -2]], { dtype: 'float64' })), [3, 2], { atol: 1e-12 });
  assert.deepEqual(torch.matrixRank(torch.stack([torch.eye(3), torch.zeros([3, 3])])).toFlatArray(), [3, 0]);
});

test('sparseSorted: mm equals the dense product, its gradient in the dense factor passes gradcheck, and unsorted or repeated entries are refused', () => {
  // [[0, 2, 0], [1, 0, 3]] in (row, column) order.
  const row = Int32Array.from([0, 1, 1]), col = Int32Array.from([1, 0, 2]), val = Float32Array.from([2, 1, 3]);
  torch.tidy(() => {
    const a = torch.sparseSorted(row, col, val, [2, 3], { dtype: 'float64' });
    const h = det([3, 2], 3);
    const dense = torch.tensor([[0, 2, 0], [1, 0, 3]], { dtype: 'float64' });
    assertClose(a.mm(h), dense.mm(h).toFlatArray(), { atol: 1e-12 });
    gradcheck((x) => a.mm(x), [det([3, 2], 4).requiresGrad_(true)]);
  });
  assert.throws(() => torch.sparseSorted(Int32Array.from([1, 0]), Int32Array.from([0, 1]), Float32Array.from([1, 1]), [2, 2]), /sorted by row/);
  assert.throws(() => torch.sparseSorted(Int32Array.from([0, 0]), Int32Array.from([1, 1]), Float32Array.from([1, 1]), [2, 2]), /without repeats/);
  assert.throws(() => torch.sparseSorted(Int32Array.from([0]), Int32Array.from([2]), Float32Array.from([1]), [2, 2]), /outside/);
});

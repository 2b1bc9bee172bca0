// Shape, indexing and joining ops, checked against hand-computed results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';

const r = (n: number, ...shape: number[]) => torch.arange(n).reshape(shape);

test('reshape and view, with -1; view of a non-contiguous tensor fails like PyTorch', () => {
  const t = r(6, 2, 3);
  assert.deepEqual(t.toArray(), [[0, 1, 2], [3, 4, 5]]);
  assert.deepEqual(t.reshape(3, -1).shape, [3, 2]);
  assert.deepEqual(t.view([-1]).toFlatArray(), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(t.t().reshape(6).toFlatArray(), [0, 3, 1, 4, 2, 5]);
  assert.throws(() => t.t().view(6), /view/);
  assert.throws(() => t.reshape(4, 2), /invalid/);
});

test('view shares storage with its base', () => {
  const t = torch.zeros([2, 2]);
  t.view(4).select(0, 3).fill_(5);
  assert.deepEqual(t.toArray(), [[0, 0], [0, 5]]);
});

test('permute, transpose and t', () => {
  const t = r(24, 2, 3, 4);
  const p = t.permute(2, 0, 1);
  assert.deepEqual(p.shape, [4, 2, 3]);
  assert.equal((p.toArray() as number[][][])[3][1][2], 23);
  assert.equal((p.toArray() as number[][][])[1][0][2], 9);
  assert.deepEqual(t.transpose(0, 2).shape, [4, 3, 2]);
  assert.deepEqual(t.transpose(-1, 0).shape, [4, 3, 2]);
  assert.deepEqual(r(6, 2, 3).t().toArray(), [[0, 3], [1, 4], [2, 5]]);
});

test('flatten, squeeze, unsqueeze', () => {
  const t = r(24, 2, 3, 4);
  assert.deepEqual(t.flatten().shape, [24]);
  assert.deepEqual(t.flatten(1).shape, [2, 12]);
  assert.deepEqual(t.flatten(0, 1).shape, [6, 4]);
  const s = torch.zeros([1, 3, 1, 2]);
  assert.deepEqual(s.squeeze().shape, [3, 2]);
  assert.deepEqual(s.squeeze(2).shape, [1, 3, 2]);
  assert.deepEqual(s.squeeze(1).shape, [1, 3, 1, 2]); // not size 1: unchanged
  assert.deepEqual(torch.zeros([3]).unsqueeze(0).shape, [1, 3]);
  assert.deepEqual(torch.zeros([3]).unsqueeze(-1).shape, [3, 1]);
});

test('expand, expandAs and repeat', () => {
  const t = torch.tensor([[1], [2]]);
  assert.deepEqual(t.expand(2, 3).toArray(), [[1, 1, 1], [2, 2, 2]]);
  assert.deepEqual(t.expand([-1, 2]).toArray(), [[1, 1], [2, 2]]);
  assert.deepEqual(t.expandAs(torch.zeros([2, 2])).shape, [2, 2]);
  assert.throws(() => t.expand(3, 3), /expand/);
  assert.deepEqual(torch.tensor([1, 2]).repeat(2, 2).toArray(), [[1, 2, 1, 2], [1, 2, 1, 2]]);
  assert.deepEqual(torch.tensor([1, 2, 3]).flip([0]).toFlatArray(), [3, 2, 1]);
});

test('cat and stack', () => {
  const a = r(4, 2, 2);
  const b = r(2, 1, 2).add(10);
  assert.deepEqual(torch.cat([a, b]).toArray(), [[0, 1], [2, 3], [10, 11]]);
  assert.deepEqual(torch.cat([a, a], 1).shape, [2, 4]);
  assert.deepEqual(torch.cat([a, a], -1).toArray(), [[0, 1, 0, 1], [2, 3, 2, 3]]);
  assert.throws(() => torch.cat([a, b], 1), /Sizes of tensors must match/);
  const s = torch.stack([torch.tensor([1, 2]), torch.tensor([3, 4])]);
  assert.deepEqual(s.toArray(), [[1, 2], [3, 4]]);
  assert.deepEqual(torch.stack([a, a], 2).shape, [2, 2, 2]);
  assert.throws(() => torch.stack([a, b]), /stack expects each tensor to be equal size/);
});

test('split, chunk and unbind', () => {
  const t = r(10, 10);
  assert.deepEqual(t.split(4).map((x) => x.toFlatArray()), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
  assert.deepEqual(t.split([2, 3, 5]).map((x) => x.numel()), [2, 3, 5]);
  assert.throws(() => t.split([2, 3]), /split_with_sizes/);
  assert.deepEqual(t.chunk(3).map((x) => x.numel()), [4, 4, 2]);
  const m = r(6, 2, 3);
  assert.deepEqual(m.chunk(3, 1).map((x) => x.toArray()), [[[0], [3]], [[1], [4]], [[2], [5]]]);
  assert.deepEqual(m.unbind(1).map((x) => x.toFlatArray()), [[0, 3], [1, 4], [2, 5]]);
});

test('narrow, slice and select', () => {
  const t = r(12, 3, 4);
  assert.deepEqual(t.narrow(1, 1, 2).toArray(), [[1, 2], [5, 6], [9, 10]]);
  assert.deepEqual(t.slice(1, 1).toArray(), [[1, 2, 3], [5, 6, 7], [9, 10, 11]]);
  assert.deepEqual(t.slice(1, 0, null, 2).toArray(), [[0, 2], [4, 6], [8, 10]]);
  assert.deepEqual(t.slice(0, -2).toArray(), [[4, 5, 6, 7], [8, 9, 10, 11]]);
  assert.deepEqual(t.slice(0, 0, -1).shape, [2, 4]);
  assert.deepEqual(t.select(0, 1).toFlatArray(), [4, 5, 6, 7]);
  assert.deepEqual(t.select(1, -1).toFlatArray(), [3, 7, 11]);
  assert.throws(() => t.narrow(0, 2, 2), /start|length/);
});

test('indexSelect, index (long and bool), gather, scatter', () => {
  const t = r(12, 3, 4);
  const idx = torch.tensor([2, 0], { dtype: 'int64' });
  assert.deepEqual(t.indexSelect(0, idx).toArray(), [[8, 9, 10, 11], [0, 1, 2, 3]]);
  assert.deepEqual(t.indexSelect(1, idx).toArray(), [[2, 0], [6, 4], [10, 8]]);
  assert.deepEqual(t.index(idx).shape, [2, 4]);
  assert.deepEqual(t.index(torch.tensor([true, false, true])).toArray(), [[0, 1, 2, 3], [8, 9, 10, 11]]);
  const g = t.gather(1, torch.tensor([[3, 0], [1, 1], [0, 2]], { dtype: 'int64' }));
  assert.deepEqual(g.toArray(), [[3, 0], [5, 5], [8, 10]]);
  assert.throws(() => t.gather(1, torch.tensor([[4]], { dtype: 'int64' })), /out of bounds|index/);
  const z = torch.zeros([2, 3]);
  const src = torch.tensor([[1, 2, 3], [4, 5, 6]]);
  const ix = torch.tensor([[2, 0, 1], [0, 0, 2]], { dtype: 'int64' });
  assert.deepEqual(z.scatter(1, ix, src).toArray(), [[2, 3, 1], [5, 0, 6]]);
  assert.deepEqual(z.scatterAdd(1, ix, src).toArray(), [[2, 3, 1], [9, 0, 6]]);
});

test('maskedSelect, maskedFill, maskedFill_ and where with broadcasting', () => {
  const t = torch.tensor([[1, -2], [-3, 4]]);
  const neg = t.lt(0);
  assert.deepEqual(t.maskedSelect(neg).toFlatArray(), [-2, -3]);
  assert.deepEqual(t.maskedFill(neg, 0).toArray(), [[1, 0], [0, 4]]);
  assert.deepEqual(t.toArray(), [[1, -2], [-3, 4]], 'maskedFill must not modify its input');
  // a row mask broadcasts over rows
  assert.deepEqual(t.maskedFill(torch.tensor([true, false]), 9).toArray(), [[9, -2], [9, 4]]);
  assert.deepEqual(torch.where(neg, t.neg(), t).toArray(), [[1, 2], [3, 4]]);
  assert.deepEqual(torch.where(neg, 0, t).toArray(), [[1, 0], [0, 4]]);
  assert.deepEqual(torch.where(torch.tensor([true, false]), torch.tensor([[1], [2]]), torch.tensor([7, 8])).toArray(), [[1, 8], [2, 8]]);
  const u = t.clone();
  u.maskedFill_(neg, -1);
  assert.deepEqual(u.toArray(), [[1, -1], [-1, 4]]);
});

test('nonzero, tril, triu, oneHot, pad', () => {
  assert.deepEqual(torch.tensor([[0, 1], [2, 0]]).nonzero().toArray(), [[0, 1], [1, 0]]);
  const m = torch.ones([3, 3]);
  assert.deepEqual(m.tril().toArray(), [[1, 0, 0], [1, 1, 0], [1, 1, 1]]);
  assert.deepEqual(m.triu(1).toArray(), [[0, 1, 1], [0, 0, 1], [0, 0, 0]]);
  assert.deepEqual(torch.F.oneHot(torch.tensor([2, 0], { dtype: 'int64' }), 3).toArray(), [[0, 0, 1], [1, 0, 0]]);
  const x = torch.tensor([[[1, 2, 3]]]);
  assert.deepEqual(torch.F.pad(x, [1, 2]).toFlatArray(), [0, 1, 2, 3, 0, 0]);
  assert.deepEqual(torch.F.pad(x, [1, 1], 'constant', -1).toFlatArray(), [-1, 1, 2, 3, -1]);
  assert.deepEqual(torch.F.pad(x, [2, 1], 'reflect').toFlatArray(), [3, 2, 1, 2, 3, 2]);
  assert.deepEqual(torch.F.pad(x, [1, 1], 'replicate').toFlatArray(), [1, 1, 2, 3, 3]);
});

test('shape errors carry libtorch\'s message instead of crashing', () => {
  assert.throws(() => torch.zeros([2, 3]).permute(0), /permute|dims/);
  assert.throws(() => torch.zeros([2]).transpose(0, 3), /Dimension out of range/);
});

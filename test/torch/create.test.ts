// Tensor creation: dtypes, typed arrays and nested arrays in and out, constant and range
// factories, and seeded random draws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { assertClose } from '../helpers/close.js';

test('nested arrays round-trip with inferred shape; numbers default to float32, booleans to bool', () => {
  const t = torch.tensor([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(t.shape, [2, 3]);
  assert.equal(t.dtype, 'float32');
  assert.deepEqual(t.toArray(), [[1, 2, 3], [4, 5, 6]]);
  const b = torch.tensor([[true, false], [false, true]]);
  assert.equal(b.dtype, 'bool');
  assert.deepEqual(b.toArray(), [[true, false], [false, true]]);
  assert.equal(torch.tensor(2.5).ndim, 0);
  assert.equal(torch.tensor(2.5).item(), 2.5);
  assert.deepEqual(torch.tensor([]).shape, [0]);
});

test('ragged nested arrays are rejected', () => {
  assert.throws(() => torch.tensor([[1, 2], [3]]), /ragged/);
});

test('typed arrays keep their dtype and bytes; an explicit dtype converts', () => {
  const f64 = torch.tensor(new Float64Array([0.1, 0.2, 1 / 3]));
  assert.equal(f64.dtype, 'float64');
  assert.deepEqual(Array.from(f64.dataSync() as Float64Array), [0.1, 0.2, 1 / 3]);
  const i64 = torch.tensor(new BigInt64Array([1n, -2n, 9007199254740993n]), { shape: [3, 1] });
  assert.equal(i64.dtype, 'int64');
  assert.deepEqual(i64.shape, [3, 1]);
  assert.deepEqual(Array.from(i64.dataSync() as BigInt64Array), [1n, -2n, 9007199254740993n]);
  const f32 = torch.tensor(new Float32Array([1.5, -2, 0.1]));
  assert.equal(f32.dtype, 'float32');
  assert.equal((f32.dataSync() as Float32Array)[2], Math.fround(0.1));
  const asBool = torch.tensor(new Uint8Array([0, 1, 1]), { dtype: 'bool' });
  assert.equal(asBool.dtype, 'bool');
  assert.deepEqual(asBool.toArray(), [false, true, true]);
  const cast = torch.tensor(new Float64Array([1.7, -1.7]), { dtype: 'int64' });
  assert.deepEqual(cast.toFlatArray(), [1, -1]);
  // a shape that does not match the buffer is an error, not a silent reinterpretation
  assert.throws(() => torch.tensor(new Float32Array(5), { shape: [2, 3] }), /bytes/);
});

test('typed-array input is copied, not aliased', () => {
  const src = new Float32Array([1, 2]);
  const t = torch.tensor(src);
  src[0] = 99;
  assert.deepEqual(t.toFlatArray(), [1, 2]);
});

test('nested arrays with dtype int64 and float64', () => {
  const i = torch.tensor([[1, -2], [3, 4]], { dtype: 'int64' });
  assert.equal(i.dtype, 'int64');
  assert.deepEqual(i.toArray(), [[1, -2], [3, 4]]);
  assert.ok(i.dataSync() instanceof BigInt64Array);
  const d = torch.tensor([0.1, 0.2], { dtype: 'float64' });
  assert.deepEqual(d.toFlatArray(), [0.1, 0.2]);
});

test('dtype conversions: float ↔ int ↔ bool', () => {
  const t = torch.tensor([-1.5, 0, 2.7]);
  assert.deepEqual(t.long().toFlatArray(), [-1, 0, 2]);
  assert.deepEqual(t.bool().toArray(), [true, false, true]);
  assert.deepEqual(t.double().toFlatArray(), [-1.5, 0, Math.fround(2.7)]);
  assert.equal(t.int().dtype, 'int32');
  assert.deepEqual(torch.tensor([true, false]).float().toFlatArray(), [1, 0]);
});

test('zeros, ones, full, eye, empty', () => {
  assert.deepEqual(torch.zeros([2, 2]).toArray(), [[0, 0], [0, 0]]);
  assert.deepEqual(torch.ones([3], { dtype: 'int64' }).toFlatArray(), [1, 1, 1]);
  assert.equal(torch.ones([3], { dtype: 'int64' }).dtype, 'int64');
  const f = torch.full([2, 3], 7.5);
  assert.equal(f.dtype, 'float32');
  assert.deepEqual(f.toFlatArray(), [7.5, 7.5, 7.5, 7.5, 7.5, 7.5]);
  assert.equal(torch.full([1], 3).dtype, 'float32'); // like torch.full with a float default
  assert.equal(torch.full([1], true).dtype, 'bool');
  assert.deepEqual(torch.eye(2, 3).toArray(), [[1, 0, 0], [0, 1, 0]]);
  assert.deepEqual(torch.eye(2).toArray(), [[1, 0], [0, 1]]);
  assert.deepEqual(torch.empty([4, 0]).shape, [4, 0]);
  const z = torch.zerosLike(torch.ones([2, 3], { dtype: 'float64' }));
  assert.equal(z.dtype, 'float64');
  assert.deepEqual(z.shape, [2, 3]);
  assert.deepEqual(torch.onesLike(z).toFlatArray(), [1, 1, 1, 1, 1, 1]);
});

test('arange and linspace', () => {
  const a = torch.arange(5);
  assert.equal(a.dtype, 'int64');
  assert.deepEqual(a.toFlatArray(), [0, 1, 2, 3, 4]);
  assert.deepEqual(torch.arange(2, 11, 3).toFlatArray(), [2, 5, 8]);
  const fr = torch.arange(0, 1, 0.25);
  assert.equal(fr.dtype, 'float32');
  assert.deepEqual(fr.toFlatArray(), [0, 0.25, 0.5, 0.75]);
  assert.equal(torch.arange(0, 3, 1, { dtype: 'float64' }).dtype, 'float64');
  assert.deepEqual(torch.arange(5, 0, -2).toFlatArray(), [5, 3, 1]);
  const l = torch.linspace(-1, 1, 5);
  assert.deepEqual(l.toFlatArray(), [-1, -0.5, 0, 0.5, 1]);
  assert.equal(torch.linspace(0, 1, 3, { dtype: 'float64' }).dtype, 'float64');
});

test('requiresGrad option', () => {
  const t = torch.zeros([2], { requiresGrad: true });
  assert.equal(t.requiresGrad, true);
  assert.equal(t.isLeaf, true);
  assert.equal(torch.tensor([1, 2], { requiresGrad: true }).requiresGrad, true);
});

test('manualSeed: same seed gives the same numbers, another seed different ones', () => {
  const draw = () => [
    torch.randn([5]).toFlatArray(),
    torch.rand([5]).toFlatArray(),
    torch.randint(0, 100, [5]).toFlatArray(),
    torch.randperm(8).toFlatArray(),
    torch.randnLike(torch.zeros([3], { dtype: 'float64' })).toFlatArray(),
    torch.empty([4]).uniform_(-2, 2).toFlatArray(),
    torch.empty([4]).normal_(1, 3).toFlatArray(),
  ];
  torch.manualSeed(1234);
  const a = draw();
  torch.manualSeed(1234);
  const b = draw();
  torch.manualSeed(4321);
  const c = draw();
  assert.deepEqual(a, b);
  for (let i = 0; i < a.length; i++) assert.notDeepEqual(a[i], c[i], `draw ${i} ignores the seed`);
});

test('random draws have the right ranges, dtypes and rough moments', () => {
  torch.manualSeed(7);
  const n = torch.randn([20000], { dtype: 'float64' });
  assert.equal(n.dtype, 'float64');
  assertClose(n.mean().item(), 0, { atol: 0.03 });
  assertClose(n.std().item(), 1, { atol: 0.03 });
  const u = torch.rand([20000]);
  assert.ok(u.min().item() >= 0 && u.max().item() < 1);
  assertClose(u.mean().item(), 0.5, { atol: 0.01 });
  const r = torch.randint(3, 7, [1000]);
  assert.equal(r.dtype, 'int64');
  assert.ok(r.min().item() === 3 && r.max().item() === 6);
  const p = torch.randperm(50).toFlatArray();
  assert.deepEqual([...p].sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
});

test('metadata: shape, size, ndim, numel, contiguity', () => {
  const t = torch.zeros([2, 3, 4]);
  assert.deepEqual(t.shape, [2, 3, 4]);
  assert.equal(t.size(-1), 4);
  assert.deepEqual(t.size(), [2, 3, 4]);
  assert.equal(t.ndim, 3);
  assert.equal(t.dim(), 3);
  assert.equal(t.numel(), 24);
  assert.equal(t.isContiguous(), true);
  assert.equal(t.transpose(0, 2).isContiguous(), false);
  assert.equal(t.transpose(0, 2).contiguous().isContiguous(), true);
  assert.equal(t.device, 'cpu');
});

test('item() needs exactly one element', () => {
  assert.equal(torch.tensor([[3]]).item(), 3);
  assert.throws(() => torch.zeros([2]).item(), /one element/);
});

test('unknown dtypes are rejected with their name', () => {
  assert.throws(() => torch.zeros([1], { dtype: 'complex64' as never }), /complex64/);
});

test('numbers and bytes become proper bools (nonzero → true), not raw bytes', () => {
  // A raw byte 2 in a bool tensor sums to 2 and compares unequal to true.
  const a = torch.tensor([0, 2, -1], { dtype: 'bool' });
  assert.equal(a.sum().item(), 2);
  assert.equal(a.eq(torch.tensor([false, true, true])).all().item(), 1);
  const b = torch.tensor(new Uint8Array([0, 2, 255]), { dtype: 'bool' });
  assert.deepEqual(b.float().toFlatArray(), [0, 1, 1]);
});

test('float16 tensors read back through float32', () => {
  const h = torch.tensor([0.5, -2, 65504, 1 / 3]).to('float16');
  assert.equal(h.dtype, 'float16');
  assert.deepEqual(h.toFlatArray().slice(0, 3), [0.5, -2, 65504]);
  assert.equal(h.toFlatArray()[3], 0.333251953125);
  assert.throws(() => h.dataSync(), /float16/);
});

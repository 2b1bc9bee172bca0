// Element-wise math, comparisons and logic, with broadcasting, type promotion and the
// in-place variants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { assertClose } from '../helpers/close.js';

const xs = [-2, -0.5, 0.25, 1, 3];

test('unary functions agree with Math', () => {
  const t = torch.tensor(xs, { dtype: 'float64' });
  const cases: [string, (v: number) => number][] = [
    ['abs', Math.abs], ['neg', (v) => -v], ['exp', Math.exp], ['expm1', Math.expm1], ['sin', Math.sin], ['cos', Math.cos],
    ['tan', Math.tan], ['tanh', Math.tanh], ['sigmoid', (v) => 1 / (1 + Math.exp(-v))], ['relu', (v) => Math.max(v, 0)],
    ['sign', Math.sign], ['floor', Math.floor], ['ceil', Math.ceil], ['trunc', Math.trunc], ['reciprocal', (v) => 1 / v],
    ['square', (v) => v * v],
  ];
  for (const [name, f] of cases) {
    const out = (t as unknown as Record<string, () => torch.Tensor>)[name]();
    assertClose(out, xs.map(f), { atol: 1e-12, rtol: 1e-12 }, name);
  }
  const p = torch.tensor([0.5, 1, 4], { dtype: 'float64' });
  assertClose(p.log(), [Math.log(0.5), 0, Math.log(4)], { atol: 1e-12 });
  assertClose(p.log1p(), [Math.log1p(0.5), Math.log1p(1), Math.log1p(4)], { atol: 1e-12 });
  assertClose(p.log2(), [-1, 0, 2], { atol: 1e-12 });
  assertClose(p.sqrt(), [Math.SQRT1_2, 1, 2], { atol: 1e-12 });
  assertClose(p.rsqrt(), [Math.SQRT2, 1, 0.5], { atol: 1e-12 });
  assertClose(torch.tensor([0.5], { dtype: 'float64' }).erf(), [0.5204998778130465], { atol: 1e-12 });
  // round() rounds half to even like torch.round
  assert.deepEqual(torch.tensor([0.5, 1.5, 2.5, -0.5]).round().toFlatArray(), [0, 2, 2, -0]);
});

test('binary ops broadcast like PyTorch', () => {
  const a = torch.tensor([[1], [2], [3]]); // [3, 1]
  const b = torch.tensor([10, 20]); // [2]
  assert.deepEqual(a.add(b).toArray(), [[11, 21], [12, 22], [13, 23]]);
  assert.deepEqual(a.sub(b).shape, [3, 2]);
  assert.deepEqual(a.mul(b).toArray(), [[10, 20], [20, 40], [30, 60]]);
  assert.deepEqual(b.div(a).toArray(), [[10, 20], [5, 10], [10 / 3, 20 / 3].map(Math.fround)]);
  assert.deepEqual(torch.ones([2, 1, 4]).add(torch.ones([3, 1])).shape, [2, 3, 4]);
  assert.throws(() => torch.ones([2, 3]).add(torch.ones([4])), /must match the size/);
});

test('scalars: alpha, rsub, pow, remainder, fmod, maximum, minimum, atan2, clamp', () => {
  const t = torch.tensor([1, 2, 3]);
  assert.deepEqual(t.add(t, 2).toFlatArray(), [3, 6, 9]);
  assert.deepEqual(t.sub(1, 2).toFlatArray(), [-1, 0, 1]);
  assert.deepEqual(t.rsub(10).toFlatArray(), [9, 8, 7]);
  assert.deepEqual(t.pow(2).toFlatArray(), [1, 4, 9]);
  assert.deepEqual(t.pow(t).toFlatArray(), [1, 4, 27]);
  const m = torch.tensor([-3, -1, 4]);
  assertClose(m.remainder(3), [0, 2, 1]); // sign of the divisor
  assertClose(m.fmod(3), [0, -1, 1]); // sign of the dividend
  assert.deepEqual(t.maximum(torch.tensor([2, 2, 2])).toFlatArray(), [2, 2, 3]);
  assert.deepEqual(t.minimum(torch.tensor([2, 2, 2])).toFlatArray(), [1, 2, 2]);
  assertClose(torch.tensor([1], { dtype: 'float64' }).atan2(torch.tensor([-1], { dtype: 'float64' })), [(3 * Math.PI) / 4], { atol: 1e-12 });
  assert.deepEqual(m.clamp(-2, 2).toFlatArray(), [-2, -1, 2]);
  assert.deepEqual(m.clamp(0).toFlatArray(), [0, 0, 4]);
  assert.deepEqual(m.clamp(null, 0).toFlatArray(), [-3, -1, 0]);
});

test('type promotion follows PyTorch: numbers do not widen tensors, tensors of higher kind do', () => {
  const i = torch.tensor([1, 2], { dtype: 'int64' });
  const f = torch.tensor([1, 2]);
  const d = torch.tensor([1, 2], { dtype: 'float64' });
  assert.equal(i.add(1).dtype, 'int64');
  assert.equal(i.mul(2.5).dtype, 'float32');
  assert.equal(i.div(2).dtype, 'float32'); // true division
  assert.deepEqual(i.div(2).toFlatArray(), [0.5, 1]);
  assert.equal(f.add(i).dtype, 'float32');
  assert.equal(f.add(d).dtype, 'float64');
  assert.equal(f.mul(1e300).dtype, 'float32');
  assert.equal(torch.tensor([true]).add(1).dtype, 'int64');
});

test('number operands record the same autograd nodes as Python (MulBackward0, not the Scalar overload)', () => {
  const x = torch.ones([2], { requiresGrad: true });
  assert.equal(x.mul(2).gradFn, 'MulBackward0');
  assert.equal(x.add(1).gradFn, 'AddBackward0');
  assert.equal(x.sub(1).gradFn, 'SubBackward0');
  assert.equal(x.div(2).gradFn, 'DivBackward0');
  assert.equal(x.rsub(2).gradFn, 'RsubBackward1');
});

test('comparisons return bool tensors and broadcast; logic ops', () => {
  const t = torch.tensor([1, 2, 3]);
  assert.deepEqual(t.eq(2).toArray(), [false, true, false]);
  assert.deepEqual(t.ne(2).toArray(), [true, false, true]);
  assert.deepEqual(t.lt(2).toArray(), [true, false, false]);
  assert.deepEqual(t.le(2).toArray(), [true, true, false]);
  assert.deepEqual(t.gt(2).toArray(), [false, false, true]);
  assert.deepEqual(t.ge(2).toArray(), [false, true, true]);
  assert.equal(t.ge(2).dtype, 'bool');
  assert.deepEqual(t.eq(torch.tensor([[1], [3]])).toArray(), [[true, false, false], [false, false, true]]);
  const a = torch.tensor([true, true, false]);
  const b = torch.tensor([true, false, false]);
  assert.deepEqual(a.logicalAnd(b).toArray(), [true, false, false]);
  assert.deepEqual(a.logicalOr(b).toArray(), [true, true, false]);
  assert.deepEqual(a.logicalNot().toArray(), [false, false, true]);
  const n = torch.tensor([1, NaN, Infinity]);
  assert.deepEqual(n.isnan().toArray(), [false, true, false]);
  assert.deepEqual(n.isfinite().toArray(), [true, false, false]);
  assert.equal(t.allclose(t.add(1e-7)), true);
  assert.equal(t.allclose(t.add(1e-3)), false);
  assert.equal(t.equal(torch.tensor([1, 2, 3])), true);
  assert.equal(t.equal(torch.tensor([1, 2, 4])), false);
});

test('in-place ops modify the tensor and return it', () => {
  const t = torch.tensor([1, 2, 3]);
  assert.equal(t.add_(1), t);
  assert.deepEqual(t.toFlatArray(), [2, 3, 4]);
  t.sub_(torch.tensor([1, 1, 1]), 2).mul_(2).div_(torch.tensor([2, 2, 2]));
  assert.deepEqual(t.toFlatArray(), [0, 1, 2]);
  t.addcmul_(torch.tensor([1, 2, 3]), torch.tensor([2, 2, 2]), 0.5);
  assert.deepEqual(t.toFlatArray(), [1, 3, 5]);
  t.addcdiv_(torch.tensor([4, 4, 4]), torch.tensor([2, 4, 8]), 2);
  assert.deepEqual(t.toFlatArray(), [5, 5, 6]);
  t.clamp_(null, 5.5).sqrt_();
  assertClose(t, [Math.sqrt(5), Math.sqrt(5), Math.sqrt(5.5)]);
  t.lerp_(torch.zeros([3]), 1).fill_(7);
  assert.deepEqual(t.toFlatArray(), [7, 7, 7]);
  t.copy_(torch.tensor([1, 2, 3], { dtype: 'float64' }));
  assert.equal(t.dtype, 'float32');
  assert.deepEqual(t.toFlatArray(), [1, 2, 3]);
  t.zero_();
  assert.deepEqual(t.toFlatArray(), [0, 0, 0]);
  const i = torch.tensor([1, 2], { dtype: 'int64' });
  i.add_(1);
  assert.equal(i.dtype, 'int64');
  assert.deepEqual(i.toFlatArray(), [2, 3]);
});

test('in-place ops on a leaf that requires grad are refused outside noGrad', () => {
  const w = torch.ones([2], { requiresGrad: true });
  assert.throws(() => w.add_(1), /leaf Variable that requires grad/);
  torch.noGrad(() => w.add_(1));
  assert.deepEqual(w.toFlatArray(), [2, 2]);
});

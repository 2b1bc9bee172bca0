// Autograd: backward and .grad, graph retention, grad mode, detach, torch.autograd.grad
// w.r.t. inputs and intermediate activations, second order, and gradScale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { F } from '../../src/torch/index.js';
import { assertClose } from '../helpers/close.js';

const x64 = (v: number[]) => torch.tensor(v, { dtype: 'float64', requiresGrad: true });

test('backward fills .grad of leaves and accumulates across calls', () => {
  const x = x64([1, 2, 3]);
  assert.equal(x.grad, null);
  x.mul(x).sum().backward();
  assertClose(x.grad!, [2, 4, 6], { atol: 0 });
  x.mul(3).sum().backward();
  assertClose(x.grad!, [5, 7, 9], { atol: 0 });
  x.grad = null;
  assert.equal(x.grad, null);
});

test('assigning .grad checks shape, dtype and device like PyTorch', () => {
  const p = torch.zeros([3], { requiresGrad: true });
  assert.throws(() => { p.grad = torch.ones([1]); }, /different size/);
  assert.throws(() => { p.grad = torch.ones([3], { dtype: 'float64' }); }, /different type/);
  p.grad = torch.ones([3]);
  assert.deepEqual(p.grad!.toFlatArray(), [1, 1, 1]);
});

test('a non-scalar output needs an explicit gradient', () => {
  const x = x64([1, 2]);
  const y = x.mul(2);
  assert.throws(() => y.backward(), /scalar outputs/);
  y.backward(torch.tensor([1, -1], { dtype: 'float64' }));
  assertClose(x.grad!, [2, -2], { atol: 0 });
});

test('the graph is freed after backward unless retainGraph', () => {
  const x = x64([0.5]);
  const y = x.exp().sum();
  y.backward(undefined, { retainGraph: true });
  y.backward();
  assertClose(x.grad!, [2 * Math.exp(0.5)], { atol: 1e-12 });
  assert.throws(() => y.backward(), /second time|freed/);
});

test('leaves, gradFn, retainGrad on intermediates', () => {
  const x = x64([1, 2]);
  const h = x.mul(3).retainGrad();
  const y = h.square().sum();
  assert.equal(x.isLeaf, true);
  assert.equal(h.isLeaf, false);
  assert.equal(x.gradFn, null);
  assert.equal(y.gradFn, 'SumBackward0');
  y.backward();
  assertClose(h.grad!, [6, 12], { atol: 0 });
  assertClose(x.grad!, [18, 36], { atol: 0 });
  assert.equal(torch.zeros([1]).requiresGrad, false);
  const z = torch.zeros([1]);
  z.requiresGrad = true;
  assert.equal(z.requiresGrad, true);
});

test('noGrad: nothing recorded inside, mode restored after, even on throw; enableGrad re-enables', () => {
  const x = x64([1]);
  assert.equal(torch.isGradEnabled(), true);
  const y = torch.noGrad(() => {
    assert.equal(torch.isGradEnabled(), false);
    const inner = torch.enableGrad(() => x.mul(2));
    assert.equal(inner.requiresGrad, true);
    return x.mul(2);
  });
  assert.equal(y.requiresGrad, false);
  assert.equal(y.gradFn, null);
  assert.equal(torch.isGradEnabled(), true);
  assert.throws(() => torch.noGrad(() => { throw new Error('boom'); }), /boom/);
  assert.equal(torch.isGradEnabled(), true);
});

test('detach shares storage and cuts the graph; detach_ works in place', () => {
  const x = x64([1, 2]);
  const y = x.mul(2);
  const d = y.detach();
  assert.equal(d.requiresGrad, false);
  d.add_(1); // shares storage with y
  assertClose(y.detach(), [3, 5], { atol: 0 });
  const z = x.mul(1);
  z.detach_();
  assert.equal(z.requiresGrad, false);
  assert.equal(z.gradFn, null);
});

test('in-place change of a saved tensor is detected at backward', () => {
  const x = x64([1, 2]);
  const h = x.mul(1);
  const y = h.mul(h); // saves h for backward
  h.add_(1);
  assert.throws(() => y.sum().backward(), /modified by an inplace operation/);
});

test('autograd.grad w.r.t. inputs leaves .grad alone; gradOutputs weight the outputs', () => {
  const x = x64([1, 2, 3]);
  const [g] = torch.grad(x.pow(3).sum(), x);
  assertClose(g!, [3, 12, 27], { atol: 1e-12 });
  assert.equal(x.grad, null);
  const y = x.mul(x);
  const [gw] = torch.grad(y, [x], { gradOutputs: [torch.tensor([1, 0, -1], { dtype: 'float64' })] });
  assertClose(gw!, [2, 0, -6], { atol: 0 });
});

test('autograd.grad with several outputs sums their weighted gradients', () => {
  const x = x64([1, 2]);
  const y1 = x.mul(x);
  const y2 = x.mul(3).sum();
  const [g] = torch.grad([y1, y2], [x], { gradOutputs: [torch.tensor([1, 2], { dtype: 'float64' }), torch.tensor(-1, { dtype: 'float64' })] });
  assertClose(g!, [2 * 1 * 1 - 3, 2 * 2 * 2 - 3], { atol: 0 });
  // retainGraph lets the same graph be differentiated twice
  const z = x.exp().sum();
  torch.grad(z, x, { retainGraph: true });
  const [again] = torch.grad(z, x);
  assertClose(again!, [Math.E, Math.exp(2)], { atol: 1e-12 });
});

test('autograd.grad w.r.t. an intermediate activation of a small network', () => {
  torch.manualSeed(3);
  const x = torch.randn([4, 3], { dtype: 'float64' });
  const w1 = torch.randn([5, 3], { dtype: 'float64', requiresGrad: true });
  const w2 = torch.randn([2, 5], { dtype: 'float64', requiresGrad: true });
  const h = F.linear(x, w1).tanh();
  const out = F.linear(h, w2).sum();
  const [gh, gw2] = torch.grad(out, [h, w2]);
  // d out / d h = ones·w2 for every row
  const colSums = (w2.detach().sum(0).toFlatArray());
  for (let r = 0; r < 4; r++) assertClose(gh!.select(0, r), colSums, { atol: 1e-12 });
  assertClose(gw2!, h.detach().sum(0).unsqueeze(0).expand(2, 5), { atol: 1e-12 });
  // w.r.t. the input data too
  const xi = x.clone().requiresGrad_(true);
  const [gx] = torch.grad(F.linear(xi, w1).sum(), xi);
  assertClose(gx!, w1.detach().sum(0).unsqueeze(0).expand(4, 3), { atol: 1e-12 });
});

test('autograd.grad: unused inputs are an error unless allowUnused, which gives null', () => {
  const x = x64([1]);
  const u = x64([2]);
  assert.throws(() => torch.grad(x.mul(2).sum(), [x, u]), /not have been used/);
  const [gx, gu] = torch.grad(x.mul(2).sum(), [x, u], { allowUnused: true });
  assertClose(gx!, [2], { atol: 0 });
  assert.equal(gu, null);
});

test('second order through createGraph: d²/dx² x³ = 6x, and a Hessian-vector product', () => {
  const x = x64([1, -2, 0.5]);
  const [g] = torch.grad(x.pow(3).sum(), x, { createGraph: true });
  assert.equal(g!.requiresGrad, true);
  const [h] = torch.grad(g!.sum(), x);
  assertClose(h!, [6, -12, 3], { atol: 1e-12 });
  // f = (a·b)² with a, b vectors: H_aa v = 2 b (b·v)
  const a = x64([1, 2]);
  const b = torch.tensor([3, -1], { dtype: 'float64' });
  const v = torch.tensor([0.5, 2], { dtype: 'float64' });
  const [ga] = torch.grad(a.mul(b).sum().square(), a, { createGraph: true });
  const [hv] = torch.grad(ga!.mul(v).sum(), a);
  const bv = 3 * 0.5 - 2;
  assertClose(hv!, [2 * 3 * bv, 2 * -1 * bv], { atol: 1e-12 });
  // backward(createGraph) also builds a differentiable .grad
  const y = x64([2]);
  y.pow(3).sum().backward(undefined, { createGraph: true });
  assert.equal(y.grad!.requiresGrad, true);
});

test('gradScale is the identity forward and scales the gradient backward', () => {
  const x = x64([1.5, -2]);
  for (const s of [0, 0.25, 1, -3]) {
    const y = torch.gradScale(x.mul(1), s);
    assert.deepEqual(y.toFlatArray(), [1.5, -2], `forward changed for scale ${s}`);
    if (s === 0) {
      assert.equal(y.requiresGrad, false, 'scale 0 cuts the branch off the graph');
      continue;
    }
    const [g] = torch.grad(y.mul(torch.tensor([2, 5], { dtype: 'float64' })).sum(), x);
    assertClose(g!, [2 * s, 5 * s], { atol: 1e-12 });
  }
  // in a residual sum only the scaled branch is affected
  const out = x.add(torch.gradScale(x.mul(2), 0.5)).sum();
  const [g] = torch.grad(out, x);
  assertClose(g!, [2, 2], { atol: 1e-12 });
});

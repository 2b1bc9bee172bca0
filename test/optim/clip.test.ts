// Gradient clipping (torch.nn.utils.clip_grad_norm_ / clip_grad_value_).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { clipGradNorm_, clipGradValue_ } from '../../src/optim/index.js';
import { assertClose } from '../helpers/close.js';

function withGrads(...gs: number[][]) {
  return gs.map((g) => {
    const p = torch.zeros([g.length], { dtype: 'float64', requiresGrad: true });
    p.grad = torch.tensor(g, { dtype: 'float64' });
    return p;
  });
}

test('clipGradNorm_ scales all gradients to the joint 2-norm and returns the norm before', () => {
  const ps = withGrads([3, 0], [0, 4]); // joint norm 5
  const total = clipGradNorm_(ps, 1);
  assertClose(total, 5, { atol: 1e-12 });
  const scale = 1 / (5 + 1e-6);
  assertClose(ps[0].grad!, [3 * scale, 0], { atol: 1e-12 });
  assertClose(ps[1].grad!, [0, 4 * scale], { atol: 1e-12 });
});

test('clipGradNorm_ leaves gradients below the bound untouched', () => {
  const ps = withGrads([0.3, 0.4]);
  assertClose(clipGradNorm_(ps, 1), 0.5, { atol: 1e-12 });
  assert.deepEqual(ps[0].grad!.toFlatArray(), [0.3, 0.4]);
});

test('clipGradNorm_ with the infinity norm uses the largest magnitude', () => {
  const ps = withGrads([1, -6], [2, 3]);
  assertClose(clipGradNorm_(ps, 3, Infinity), 6, { atol: 1e-12 });
  assertClose(ps[0].grad!, [0.5, -3], { atol: 1e-6 });
});

test('clipGradNorm_ skips parameters without gradients and leaks no tensors', () => {
  const ps = withGrads([3, 4]);
  ps.push(torch.zeros([2], { requiresGrad: true }));
  const before = torch.liveTensors();
  assertClose(clipGradNorm_(ps, 10), 5, { atol: 1e-12 });
  assert.equal(torch.liveTensors(), before);
  assert.equal(clipGradNorm_([torch.zeros([1], { requiresGrad: true })], 1), 0);
});

test('clipGradValue_ clamps each element', () => {
  const ps = withGrads([-5, 0.5, 2]);
  clipGradValue_(ps, 1);
  assert.deepEqual(ps[0].grad!.toFlatArray(), [-1, 0.5, 1]);
});

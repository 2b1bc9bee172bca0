// Values and input-gradients checked against PyTorch 1.13 for the fixed cases in
// test/fixtures/torch/reference.json (built by scripts/fixtures/torch_reference.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as torch from '../../src/torch/index.js';
import { F, type Tensor } from '../../src/torch/index.js';
import { build, type InputSpec } from '../helpers/det.js';
import { assertClose, pyNum } from '../helpers/close.js';

interface Packed { shape: number[]; data: (number | string)[] }
interface OpCase {
  name: string;
  fn: string;
  inputs: InputSpec[];
  kwargs: Record<string, unknown>;
  out: Packed;
  grads: (Packed | null)[];
  extras?: Record<string, Packed>;
}

const ref = JSON.parse(readFileSync(new URL('../fixtures/torch/reference.json', import.meta.url), 'utf8'));
const ops = ref.ops as Record<string, OpCase>;

type K = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const num = (v: unknown, d: number) => (v === undefined ? d : (v as number));

// Each adapter calls reslab's API the way a PyTorch user would translate the call.
const adapters: Record<string, (xs: Tensor[], k: K) => { out: Tensor; extras?: Record<string, Tensor> }> = {
  conv1d: (xs, k) => ({ out: F.conv1d(xs[0], xs[1], xs[2] ?? null, k.stride ?? 1, k.padding ?? 0, k.dilation ?? 1, k.groups ?? 1) }),
  conv2d: (xs, k) => ({ out: F.conv2d(xs[0], xs[1], xs[2] ?? null, k.stride ?? 1, k.padding ?? 0, k.dilation ?? 1, k.groups ?? 1) }),
  batch_norm: ([x, rm, rv, w, b], k) => ({
    out: F.batchNorm(x, rm, rv, w, b, k.training, k.momentum, k.eps),
    extras: { running_mean: rm, running_var: rv },
  }),
  layer_norm: ([x, w, b], k) => ({ out: F.layerNorm(x, k.normalized_shape, w, b, num(k.eps, 1e-5)) }),
  group_norm: ([x, w, b], k) => ({ out: F.groupNorm(x, k.num_groups, w, b, num(k.eps, 1e-5)) }),
  max_pool1d: ([x], k) => ({ out: F.maxPool1d(x, k.kernel_size, k.stride, k.padding ?? 0, k.dilation ?? 1, k.ceil_mode ?? false) }),
  max_pool2d: ([x], k) => ({ out: F.maxPool2d(x, k.kernel_size, k.stride, k.padding ?? 0, k.dilation ?? 1, k.ceil_mode ?? false) }),
  avg_pool1d: ([x], k) => ({ out: F.avgPool1d(x, k.kernel_size, k.stride, k.padding ?? 0, k.ceil_mode ?? false, k.count_include_pad ?? true) }),
  avg_pool2d: ([x], k) => ({ out: F.avgPool2d(x, k.kernel_size, k.stride, k.padding ?? 0, k.ceil_mode ?? false, k.count_include_pad ?? true) }),
  adaptive_avg_pool1d: ([x], k) => ({ out: F.adaptiveAvgPool1d(x, k.output_size) }),
  adaptive_avg_pool2d: ([x], k) => ({ out: F.adaptiveAvgPool2d(x, k.output_size) }),
  adaptive_max_pool1d: ([x], k) => ({ out: F.adaptiveMaxPool1d(x, k.output_size) }),
  adaptive_max_pool2d: ([x], k) => ({ out: F.adaptiveMaxPool2d(x, k.output_size) }),
  relu: ([x]) => ({ out: F.relu(x) }),
  relu6: ([x]) => ({ out: F.relu6(x) }),
  leaky_relu: ([x], k) => ({ out: F.leakyRelu(x, k.negative_slope) }),
  elu: ([x], k) => ({ out: F.elu(x, k.alpha) }),
  gelu: ([x], k) => ({ out: F.gelu(x, k.approximate ?? 'none') }),
  silu: ([x]) => ({ out: F.silu(x) }),
  sigmoid: ([x]) => ({ out: F.sigmoid(x) }),
  tanh: ([x]) => ({ out: F.tanh(x) }),
  softplus: ([x], k) => ({ out: F.softplus(x, k.beta, k.threshold) }),
  hardswish: ([x]) => ({ out: F.hardswish(x) }),
  softmax: ([x], k) => ({ out: F.softmax(x, k.dim) }),
  log_softmax: ([x], k) => ({ out: F.logSoftmax(x, k.dim) }),
  cross_entropy: ([x, t, w], k) => ({
    out: F.crossEntropy(x, t, { weight: w ?? null, labelSmoothing: k.label_smoothing, ignoreIndex: k.ignore_index, reduction: k.reduction }),
  }),
  cross_entropy_probs: ([x, t]) => ({ out: F.crossEntropy(x, t.softmax(1)) }),
  bce_with_logits: ([x, t, ...rest], k) => {
    const named: Record<string, Tensor> = {};
    (k.tensors ?? []).forEach((n: string, i: number) => (named[n] = rest[i]));
    return { out: F.binaryCrossEntropyWithLogits(x, t, { weight: named.weight, posWeight: named.pos_weight, reduction: k.reduction }) };
  },
  mse_loss: ([a, b], k) => ({ out: F.mseLoss(a, b, k.reduction ?? 'mean') }),
  nll_loss: ([x, t, w], k) => ({ out: F.nllLoss(x.logSoftmax(1), t, { weight: w ?? null, reduction: k.reduction }) }),
  einsum: (xs, k) => ({ out: torch.einsum(k.equation, ...xs) }),
  var: ([x], k) => ({ out: x.var(k.dim ?? null, { unbiased: k.unbiased, keepdim: k.keepdim }) }),
  std: ([x], k) => ({ out: x.std(k.dim ?? null, { unbiased: k.unbiased, keepdim: k.keepdim }) }),
  logsumexp: ([x], k) => ({ out: x.logsumexp(k.dim, k.keepdim ?? false) }),
  linear: ([x, w, b]) => ({ out: F.linear(x, w, b) }),
  matmul: ([a, b]) => ({ out: a.matmul(b) }),
  bmm: ([a, b]) => ({ out: a.bmm(b) }),
};

function expectedOf(p: Packed): number[] {
  return p.data.map(pyNum);
}

test('every reference case has an adapter and every adapter is exercised', () => {
  const used = new Set(Object.values(ops).map((c) => c.fn));
  for (const fn of used) assert.ok(adapters[fn], `no TS adapter for reference op '${fn}'`);
  for (const fn of Object.keys(adapters)) assert.ok(used.has(fn), `adapter '${fn}' has no reference case`);
  assert.ok(Object.keys(ops).length >= 60);
});

for (const c of Object.values(ops)) {
  test(`matches PyTorch: ${c.name}`, () => {
    torch.tidy(() => {
      const xs = c.inputs.map((s) => build(s));
      const { out, extras } = adapters[c.fn](xs, c.kwargs);
      const f32 = out.dtype === 'float32';
      // float32 cases allow for summation-order differences; float64 ones are near-exact.
      const tol = f32 ? { atol: 2e-5, rtol: 2e-5 } : { atol: 1e-10, rtol: 1e-9 };
      assert.deepEqual(out.shape, c.out.shape, 'output shape');
      assertClose(out, expectedOf(c.out), tol, `${c.name} output`);
      const gw = build({ shape: out.shape, seed: 777, dtype: out.dtype });
      const wants = c.inputs.map((s, i) => (s.grad ? i : -1)).filter((i) => i >= 0);
      if (wants.length) {
        const grads = torch.grad(out.mul(gw).sum(), wants.map((i) => xs[i]));
        wants.forEach((i, k) => {
          const g = grads[k];
          assert.ok(g, `no gradient for input ${i}`);
          assert.deepEqual(g.shape, c.grads[i]!.shape);
          assertClose(g, expectedOf(c.grads[i]!), tol, `${c.name} grad of input ${i}`);
        });
      }
      for (const [k, p] of Object.entries(c.extras ?? {})) {
        assert.ok(extras?.[k], `adapter does not expose '${k}'`);
        assertClose(extras[k], expectedOf(p), tol, `${c.name} ${k}`);
      }
    });
  });
}

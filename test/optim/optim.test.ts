// SGD, Adam and AdamW: trajectories against PyTorch on a tiny least-squares problem, and
// the optimizer mechanics (groups, state, zeroGrad, skipped parameters).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as torch from '../../src/torch/index.js';
import { F, type Tensor } from '../../src/torch/index.js';
import { SGD, Adam, AdamW, type Optimizer } from '../../src/optim/index.js';
import { build, type InputSpec } from '../helpers/det.js';
import { assertClose } from '../helpers/close.js';

const ref = JSON.parse(readFileSync(new URL('../fixtures/torch/reference.json', import.meta.url), 'utf8')).optim;
const P = ref.problem as Record<'x' | 'y' | 'weight' | 'bias', InputSpec>;

type Opts = Record<string, unknown>;
function make(kind: string, params: Tensor[], o: Opts): Optimizer<{ lr: number }> {
  if (kind === 'SGD') {
    return new SGD(params, { lr: o.lr as number, momentum: o.momentum as number, dampening: o.dampening as number, nesterov: o.nesterov as boolean, weightDecay: o.weight_decay as number });
  }
  const a = { lr: o.lr as number, betas: o.betas as [number, number] | undefined, eps: o.eps as number | undefined, weightDecay: o.weight_decay as number | undefined, amsgrad: o.amsgrad as boolean | undefined };
  // Leave unset options out so each class's own defaults apply, as in PyTorch.
  const clean = Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined));
  return kind === 'Adam' ? new Adam(params, clean) : new AdamW(params, clean);
}

for (const [name, run] of Object.entries(ref.runs as Record<string, { optimizer: string; options: Opts; steps: number; losses: number[]; weight: { data: number[] }; bias: { data: number[] } }>)) {
  test(`${name} follows PyTorch's trajectory`, () => {
    const x = build(P.x);
    const y = build(P.y);
    const w = build(P.weight);
    const b = build(P.bias);
    const opt = make(run.optimizer, [w, b], run.options);
    const losses: number[] = [];
    for (let s = 0; s < run.steps; s++) {
      torch.tidy(() => {
        opt.zeroGrad();
        const loss = F.mseLoss(x.matmul(w.t()).add(b), y);
        loss.backward();
        opt.step();
        losses.push(loss.item());
      });
    }
    assertClose(losses, run.losses, { atol: 1e-12, rtol: 1e-10 }, 'losses');
    assertClose(w, run.weight.data, { atol: 1e-12, rtol: 1e-10 }, 'weight');
    assertClose(b, run.bias.data, { atol: 1e-12, rtol: 1e-10 }, 'bias');
    opt.dispose();
    for (const t of [x, y, w, b]) t.dispose();
  });
}

test('SGD with momentum: first step uses the gradient, later steps the buffer', () => {
  const p = torch.tensor([1, 2], { dtype: 'float64', requiresGrad: true });
  const opt = new SGD([p], { lr: 0.5, momentum: 0.9 });
  p.grad = torch.tensor([1, -1], { dtype: 'float64' });
  opt.step();
  assertClose(p, [0.5, 2.5]);
  p.grad = torch.tensor([1, -1], { dtype: 'float64' });
  opt.step(); // buffer = 0.9·g + g = 1.9·g
  assertClose(p, [0.5 - 0.95, 2.5 + 0.95], { atol: 1e-12 });
  opt.dispose();
});

test('Nesterov needs momentum and zero dampening', () => {
  const p = torch.zeros([2], { requiresGrad: true });
  assert.throws(() => new SGD([p], { lr: 0.1, nesterov: true }), /Nesterov/);
  assert.throws(() => new SGD([p], { lr: 0.1, nesterov: true, momentum: 0.9, dampening: 0.1 }), /Nesterov/);
});

test('parameters without a gradient are skipped and get no state', () => {
  const a = torch.ones([2], { requiresGrad: true });
  const b = torch.ones([2], { requiresGrad: true });
  const opt = new Adam([a, b], { lr: 0.1 });
  a.grad = torch.ones([2]);
  opt.step();
  assert.ok(a.toFlatArray().every((v) => v < 1));
  assert.deepEqual(b.toFlatArray(), [1, 1]);
  opt.zeroGrad();
  assert.equal(a.grad, null);
  opt.dispose();
});

test('parameter groups keep their own hyper-parameters; lr setter writes every group', () => {
  const a = torch.zeros([1], { requiresGrad: true });
  const b = torch.zeros([1], { requiresGrad: true });
  const opt = new SGD([{ params: [a] }, { params: [b], hyper: { lr: 1 } }], { lr: 0.1 });
  a.grad = torch.ones([1]);
  b.grad = torch.ones([1]);
  opt.step();
  assertClose(a, [-0.1]);
  assertClose(b, [-1]);
  assert.equal(opt.paramGroups[1].hyper.lr, 1);
  opt.lr = 0.01;
  assert.deepEqual(opt.paramGroups.map((g) => g.hyper.lr), [0.01, 0.01]);
  assert.equal(opt.lr, 0.01);
});

test('AdamW decays weights even with a zero gradient; Adam with weight decay does not move a zero-gradient weight the same way', () => {
  const a = torch.ones([3], { dtype: 'float64', requiresGrad: true });
  const b = torch.ones([3], { dtype: 'float64', requiresGrad: true });
  const adamw = new AdamW([a], { lr: 0.1, weightDecay: 0.5 });
  const adam = new Adam([b], { lr: 0.1, weightDecay: 0.5 });
  a.grad = torch.zerosLike(a);
  b.grad = torch.zerosLike(b);
  adamw.step();
  adam.step();
  // AdamW: p·(1 − lr·wd) and a zero Adam step.
  assertClose(a, [0.95, 0.95, 0.95], { atol: 1e-12 });
  // Adam: the decay enters the gradient (0.5), so the normalised step is ≈ lr.
  assertClose(b, [0.9, 0.9, 0.9], { atol: 1e-6 });
  adamw.dispose();
  adam.dispose();
});

test('optimizer state survives steps and dispose frees it', () => {
  const p = torch.ones([4], { requiresGrad: true });
  const opt = new Adam([p], { lr: 0.01, amsgrad: true });
  const before = torch.liveTensors();
  for (let i = 0; i < 3; i++) {
    p.grad = torch.onesLike(p);
    opt.step();
  }
  // expAvg, expAvgSq, maxExpAvgSq per parameter, plus the last gradient handle set above.
  assert.equal(torch.liveTensors() - before, 3 + 3);
  opt.dispose();
  assert.equal(torch.liveTensors() - before, 3);
});

test('options given as undefined keep their defaults', () => {
  // Configs often pass optional fields straight through; undefined must not erase a default.
  const p = torch.tensor([1], { dtype: 'float64', requiresGrad: true });
  const opt = new SGD([p], { lr: 0.1, momentum: 0.5, dampening: undefined, weightDecay: undefined });
  assert.equal(opt.paramGroups[0].hyper.dampening, 0);
  assert.equal(opt.paramGroups[0].hyper.weightDecay, 0);
  for (let i = 0; i < 2; i++) {
    p.grad = torch.onesLike(p);
    opt.step();
  }
  assertClose(p, [1 - 0.1 - 0.15], { atol: 1e-12 });
  const q = torch.ones([1], { requiresGrad: true });
  const adam = new AdamW([q], { lr: undefined, weightDecay: undefined });
  assert.equal(adam.paramGroups[0].hyper.lr, 1e-3);
  assert.equal(adam.paramGroups[0].hyper.weightDecay, 1e-2);
  adam.dispose();
  opt.dispose();
});

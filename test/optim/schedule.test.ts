// LR schedules against torch.optim.lr_scheduler, and LRScheduler's stepping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as torch from '../../src/torch/index.js';
import { SGD, LRScheduler, stepLR, cosineLR, warmup, oneCycle, type Schedule } from '../../src/optim/index.js';
import { assertClose } from '../helpers/close.js';

const S = JSON.parse(readFileSync(new URL('../fixtures/torch/reference.json', import.meta.url), 'utf8')).schedules;
const seq = (s: Schedule, n: number) => Array.from({ length: n }, (_, t) => s(t));
const tol = { atol: 1e-12, rtol: 1e-9 };

test('stepLR matches StepLR', () => {
  const { args, lrs } = S.step;
  assertClose(seq(stepLR(args.lr, args.step_size, args.gamma), lrs.length), lrs, tol);
});

test('cosineLR matches CosineAnnealingLR up to tMax', () => {
  const { args, lrs } = S.cosine;
  assertClose(seq(cosineLR(args.lr, args.t_max, args.eta_min), lrs.length), lrs, tol);
});

test('warmup over a constant matches LinearLR', () => {
  const { args, lrs } = S.linear_warmup;
  assertClose(seq(warmup(() => args.lr, args.warmup, args.start_factor), lrs.length), lrs, tol);
});

test('warmup then cosine matches LinearLR chained with CosineAnnealingLR', () => {
  const { args, lrs } = S.warmup_cosine;
  assertClose(seq(warmup(cosineLR(args.lr, args.t_max), args.warmup, args.start_factor), lrs.length), lrs, tol);
});

test('oneCycle matches OneCycleLR (defaults and custom phases)', () => {
  const a = S.one_cycle;
  assertClose(seq(oneCycle(a.args.max_lr, a.args.total_steps), a.lrs.length), a.lrs, tol);
  const b = S.one_cycle_custom;
  const o = { pctStart: b.args.pct_start, divFactor: b.args.div_factor, finalDivFactor: b.args.final_div_factor };
  assertClose(seq(oneCycle(b.args.max_lr, b.args.total_steps, o), b.lrs.length), b.lrs, tol);
});

test('cosineLR past tMax continues the cosine back up, as CosineAnnealingLR does', () => {
  const s = cosineLR(1, 10, 0.01);
  const closed = (t: number) => 0.01 + ((1 - 0.01) * (1 + Math.cos((Math.PI * t) / 10))) / 2;
  assertClose(seq(s, 41), seq(closed, 41), { atol: 1e-15, rtol: 0 });
  assert.equal(s(10), 0.01);
  assert.ok(s(15) > s(11) && s(11) > s(10), 'the lr rises after tMax');
  // Debian's PyTorch 1.13, CosineAnnealingLR(SGD(lr=1), T_max=10, eta_min=0.01) stepped 30
  // times: the recursive (chainable) form gives lr 0.5050000000000021 at t = 15,
  // 1.0000000000000042 at t = 20 and 0.01 at t = 30; _get_closed_form_lr() gives
  // 0.10453658778440095 at t = 12 and 0.5049999999999999 at t = 15.
  assertClose([s(12), s(15), s(20), s(30)], [0.10453658778440095, 0.5050000000000021, 1.0000000000000042, 0.01], { atol: 1e-14, rtol: 0 });
});

test('LRScheduler writes the schedule into the optimizer at construction and on each step', () => {
  const p = torch.zeros([1], { requiresGrad: true });
  const opt = new SGD([p], { lr: 123 });
  const sched = new LRScheduler(opt, stepLR(0.1, 2, 0.5));
  assert.equal(opt.lr, 0.1);
  const seen = [sched.lastLr];
  for (let i = 0; i < 4; i++) {
    sched.step();
    seen.push(opt.lr);
  }
  assertClose(seen, [0.1, 0.1, 0.05, 0.05, 0.025], { atol: 1e-15 });
});

test('LRScheduler keeps parameter groups at their relative learning rates, as PyTorch does', () => {
  const a = torch.zeros([1], { requiresGrad: true });
  const b = torch.zeros([1], { requiresGrad: true });
  const opt = new SGD([{ params: [a] }, { params: [b], hyper: { lr: 0.01 } }], { lr: 0.1 });
  const sched = new LRScheduler(opt, stepLR(0.1, 1, 0.5));
  assertClose(sched.lastLrs, [0.1, 0.01], { atol: 1e-15 });
  sched.step();
  // StepLR(gamma=0.5) on groups [0.1, 0.01] gives [0.05, 0.005]
  assertClose(sched.lastLrs, [0.05, 0.005], { atol: 1e-15 });
  assert.equal(sched.lastLr, 0.05);
});

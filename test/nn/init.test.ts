// Initialisers: torch.nn.init's formulas, checked through the statistics of large draws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { init, Linear, Conv2d } from '../../src/nn/index.js';

const big = (shape: number[]) => torch.empty(shape, { requiresGrad: true });
const near = (got: number, want: number, rel: number, what: string) =>
  assert.ok(Math.abs(got - want) <= rel * Math.abs(want), `${what}: ${got} vs ${want}`);

test('calculateGain and fan computation', () => {
  assert.equal(init.calculateGain('relu'), Math.SQRT2);
  assert.equal(init.calculateGain('tanh'), 5 / 3);
  assert.equal(init.calculateGain('linear'), 1);
  assert.equal(init.calculateGain('selu'), 3 / 4);
  assert.equal(init.calculateGain('leaky_relu', 0.2), Math.sqrt(2 / 1.04));
  assert.deepEqual(init.fanInAndFanOut(torch.empty([8, 3, 5, 5])), [75, 200]);
  assert.deepEqual(init.fanInAndFanOut(torch.empty([10, 20])), [20, 10]);
  assert.throws(() => init.fanInAndFanOut(torch.empty([5])), /at least 2 dimensions/);
});

test('kaiming normal and uniform: std = gain/√fan for fan_in and fan_out', () => {
  torch.manualSeed(0);
  const w = big([256, 128, 3, 3]); // fan_in 1152, fan_out 2304
  init.kaimingNormal_(w, { nonlinearity: 'relu' });
  near(w.std().item(), Math.SQRT2 / Math.sqrt(1152), 0.02, 'kaiming normal fan_in');
  near(w.mean().item() + 1, 1, 0.002, 'kaiming normal mean');
  init.kaimingNormal_(w, { mode: 'fan_out', nonlinearity: 'relu' });
  near(w.std().item(), Math.SQRT2 / Math.sqrt(2304), 0.02, 'kaiming normal fan_out');
  init.kaimingUniform_(w, { nonlinearity: 'relu' });
  const bound = Math.sqrt(3) * (Math.SQRT2 / Math.sqrt(1152));
  near(w.abs().max().item(), bound, 0.01, 'kaiming uniform bound');
  assert.ok(w.abs().max().item() <= bound);
  near(w.std().item(), bound / Math.sqrt(3), 0.02, 'kaiming uniform std');
  assert.equal(w.requiresGrad, true);
  assert.equal(w.isLeaf, true, 'init must not record history');
});

test('xavier normal and uniform', () => {
  torch.manualSeed(1);
  const w = big([300, 200]);
  init.xavierNormal_(w, 2);
  near(w.std().item(), 2 * Math.sqrt(2 / 500), 0.02, 'xavier normal');
  init.xavierUniform_(w);
  const a = Math.sqrt(6 / 500);
  assert.ok(w.abs().max().item() <= a);
  near(w.abs().max().item(), a, 0.01, 'xavier uniform bound');
});

test('constant, zeros, ones, uniform, normal', () => {
  const w = big([1000]);
  init.constant_(w, 0.25);
  assert.ok(w.eq(0.25).all().item());
  init.zeros_(w);
  assert.equal(w.abs().sum().item(), 0);
  init.ones_(w);
  assert.equal(w.sum().item(), 1000);
  torch.manualSeed(2);
  init.uniform_(w, 2, 3);
  assert.ok(w.min().item() >= 2 && w.max().item() < 3);
  init.normal_(w, 5, 0.1);
  near(w.mean().item(), 5, 0.01, 'normal mean');
});

test('default Linear and Conv init: weights within 1/√fan_in (kaiming a=√5), bias too', () => {
  torch.manualSeed(3);
  const l = new Linear(400, 300);
  const b = 1 / Math.sqrt(400);
  assert.ok(l.weight.abs().max().item() <= b);
  near(l.weight.abs().max().item(), b, 0.01, 'linear weight bound');
  assert.ok(l.bias!.abs().max().item() <= b);
  near(l.bias!.abs().max().item(), b, 0.05, 'linear bias bound');
  const c = new Conv2d(16, 32, 3);
  const cb = 1 / Math.sqrt(16 * 9);
  assert.ok(c.weight.abs().max().item() <= cb);
  near(c.weight.abs().max().item(), cb, 0.02, 'conv weight bound');
  torch.manualSeed(3);
  const again = new Linear(400, 300);
  assert.ok(again.weight.equal(l.weight), 'same seed, same initial weights');
});

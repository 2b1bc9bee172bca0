// Deterministic memory release: tidy/keep scopes, and 1,000 training steps with a flat
// live-tensor count and flat RSS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { F } from '../../src/torch/index.js';
import { Sequential, Linear, ReLU, BatchNorm1d } from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';

test('tidy frees what it made except the result; keep() survives; nested results move outward', () => {
  const base = torch.liveTensors();
  let kept!: torch.Tensor;
  const out = torch.tidy(() => {
    const a = torch.ones([3]);
    const b = a.mul(2);
    kept = torch.keep(b.add(1));
    const inner = torch.tidy(() => a.add(b).mul(3));
    return { y: inner, list: [b] };
  });
  assert.equal(torch.liveTensors() - base, 3); // inner result, b, kept
  assert.deepEqual(out.y.toFlatArray(), [9, 9, 9]);
  assert.deepEqual(kept.toFlatArray(), [3, 3, 3]);
  out.y.dispose();
  out.list[0].dispose();
  torch.unkeep(kept).dispose();
  assert.equal(torch.liveTensors(), base);
});

test('tidy frees its tensors when fn throws', () => {
  const base = torch.liveTensors();
  assert.throws(() => torch.tidy(() => {
    torch.ones([2]).add(1);
    throw new Error('fail inside');
  }), /fail inside/);
  assert.equal(torch.liveTensors(), base);
});

test('a disposed tensor cannot be used; dispose twice is harmless', () => {
  const t = torch.ones([2]);
  t.dispose();
  t.dispose();
  assert.equal(t.isDisposed, true);
  assert.throws(() => t.add(1), /disposed/);
  const escaped = torch.tidy(() => {
    const inner = torch.ones([1]);
    return () => inner;
  });
  assert.throws(() => escaped().sum(), /tidy\(\) scope/);
});

test('tidy refuses async functions; withScope releases after await', async () => {
  assert.throws(() => torch.tidy(async () => 1), /withScope/);
  const base = torch.liveTensors();
  const r = await torch.withScope(async () => {
    const a = torch.ones([2]);
    await new Promise((res) => setTimeout(res, 1));
    a.mul(5);
    return a.add(1);
  });
  assert.equal(torch.liveTensors() - base, 1);
  r.dispose();
});

test('the live-tensor check detects a leak (so the flat result below means something)', () => {
  const base = torch.liveTensors();
  const leaked: torch.Tensor[] = [];
  for (let i = 0; i < 50; i++) torch.tidy(() => { leaked.push(torch.keep(torch.ones([4]).mul(i))); });
  assert.equal(torch.liveTensors() - base, 50);
  for (const t of leaked) t.dispose();
  assert.equal(torch.liveTensors(), base);
});

test('1,000 training steps keep the live-tensor count and RSS flat', () => {
  torch.manualSeed(0);
  const model = new Sequential(new Linear(16, 64), new BatchNorm1d(64), new ReLU(), new Linear(64, 64), new ReLU(), new Linear(64, 4));
  const opt = new Adam(model.parameters(), { lr: 1e-3, weightDecay: 1e-4 });
  const x = torch.randn([32, 16]);
  const y = torch.randint(0, 4, [32]);
  const step = () => torch.tidy(() => {
    opt.zeroGrad();
    const loss = F.crossEntropy(model.forward(x), y);
    loss.backward();
    opt.step();
    return loss.item();
  });
  const WARMUP = 200;
  const STEPS = 1000;
  let firstLoss = 0;
  let lastLoss = 0;
  let live0 = 0;
  let rss0 = 0;
  const liveSeen = new Set<number>();
  for (let i = 0; i < STEPS; i++) {
    const l = step();
    if (i === 0) firstLoss = l;
    lastLoss = l;
    if (i === WARMUP) {
      global.gc?.();
      live0 = torch.liveTensors();
      rss0 = process.memoryUsage().rss;
    }
    if (i > WARMUP && i % 100 === 0) liveSeen.add(torch.liveTensors() - live0);
  }
  const liveEnd = torch.liveTensors();
  const rssGrowth = (process.memoryUsage().rss - rss0) / 2 ** 20;
  assert.ok(lastLoss < firstLoss, `training made no progress (${firstLoss} → ${lastLoss})`);
  assert.equal(liveEnd, live0, `live tensors went from ${live0} to ${liveEnd}`);
  assert.deepEqual([...liveSeen], [0]);
  // Leaking one 32×64 activation per step would add ~6 MiB over 800 steps, a parameter-sized
  // leak far more; allocator noise stays well under this.
  assert.ok(rssGrowth < 24, `RSS grew by ${rssGrowth.toFixed(1)} MiB after warm-up`);
  opt.dispose();
  model.dispose();
  x.dispose();
  y.dispose();
});

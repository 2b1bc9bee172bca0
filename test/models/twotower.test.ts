// The two-tower history detector (src/models/twotower.ts) on the timeline layout: a
// sample's score reads only its user's rows at or before its day, time-dropout acts only
// while training, and with the fusion at its zero start the network is the flat
// ResNet-MLP on today's row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { createModel, dropDays, TwoTowerNet, type BlockNet } from '../../src/models/index.js';
import { fitPrepare, applyPrepare } from '../../src/layout/prepare.js';
import { fitLayout, BoundLayout } from '../../src/layout/layout.js';
import { makeSplit } from '../../src/train/split.js';
import { toyMatrix } from '../train/helpers.js';

const m = toyMatrix({ users: 8, days: 30, insiders: 2 });
const split = makeSplit({ user: m.user, time: m.time, insider: m.insider }, { kind: 'time', seed: 1 });
const prep = fitPrepare(m, split.train, { deviation: ['user', 'peer'] });
const rowsT = (r: number[]) => torch.tensor(BigInt64Array.from(r, BigInt));
const T = 6;

const baseOf = (values: Float32Array) => applyPrepare(prep, { ...m, values });
const bindBase = (base: Float32Array) => new BoundLayout(fitLayout('timeline', prep, base, split.train, { days: T }), prep, base, m.n, m);
const bind = (values: Float32Array) => bindBase(baseOf(values));

/** A model whose past tower is wired in: the fusion starts at zero, which would hide it. */
function tower(name: string, seed = 1): TwoTowerNet {
  torch.manualSeed(seed);
  const model = createModel(name, { input: [T, prep.channels.length, prep.inputs.length + 1] }) as TwoTowerNet;
  torch.noGrad(() => model.fuse.weight.normal_(0, 0.5));
  return model.eval();
}

const scores = (model: BlockNet, L: BoundLayout, rows: number[]) => torch.tidy(() => Array.from(torch.noGrad(() => model.forward(L.batch(rowsT(rows)))).dataSync() as Float32Array));

for (const name of ['detect_2tower_resnet', 'detect_2tower_devconv_resnet', 'detect_2tower_devconv_td_resnet']) {
  test(`${name}: a later day never changes an earlier sample's score, while an earlier day changes a later one's`, () => {
    const model = tower(name);
    const L = bind(m.values);
    const f = m.columns.length;
    const row = 12; // user 0, day 12
    const later = m.values.slice();
    for (let i = row + 1; i < 30; i++) for (let j = 0; j < f - 1; j++) later[i * f + j] += 500;
    // An earlier day changed in the prepared matrix alone, so today's own inputs (its user
    // deviation reads that day too) stay as they were.
    const earlier = baseOf(m.values);
    const w = prep.channels.length * prep.inputs.length;
    for (let j = 0; j < w; j++) earlier[(row - 2) * w + j] += 3;
    const La = bind(later), Le = bindBase(earlier);
    try {
      const rows = [row, 30 + row]; // user 1's row is a check that other users are untouched
      assert.deepEqual(scores(model, La, rows), scores(model, L, rows), 'later days changed an earlier score');
      // Row - 2 is in row's past (T = 6) but not today: the difference can only come through the past tower.
      assert.notEqual(scores(model, Le, [row])[0], scores(model, L, [row])[0], 'the past tower reads the past days');
    } finally {
      for (const x of [L, La, Le]) x.dispose();
      model.dispose();
    }
  });
}

test('time-dropout is training-only: eval outputs are deterministic and equal those of the same weights without it', () => {
  const withDrop = tower('detect_2tower_devconv_td_resnet', 3);
  const without = createModel({ ...withDrop.config, timeDrop: 0 }) as TwoTowerNet;
  without.loadStateDict(withDrop.stateDict());
  without.eval();
  assert.ok((withDrop.config.timeDrop ?? 0) > 0);
  const L = bind(m.values);
  const rows = Array.from({ length: 40 }, (_, i) => i * 6);
  try {
    const a = scores(withDrop, L, rows);
    assert.deepEqual(scores(withDrop, L, rows), a, 'eval is deterministic');
    assert.deepEqual(scores(without, L, rows), a, 'eval equals no time-dropout');
    // In training mode it does drop days (without block dropout, nothing else is random).
    const train = (model: TwoTowerNet) => {
      const net = createModel({ ...model.config, dropout: 0 }) as TwoTowerNet;
      net.loadStateDict(model.stateDict());
      net.train();
      const out = scores(net, L, rows);
      net.dispose();
      return out;
    };
    torch.manualSeed(5);
    assert.notDeepEqual(train(withDrop), train(without), 'training mode drops days');
  } finally {
    L.dispose();
    withDrop.dispose();
    without.dispose();
  }
});

test('dropDays: identity in eval mode, drops whole days while training', () => {
  torch.tidy(() => {
    const mask = torch.ones([4, 50]);
    assert.ok(dropDays(mask, 0.5, false).equal(mask));
    assert.ok(dropDays(mask, 1, true).sum().item() === 0);
    const kept = dropDays(mask, 0.3, true).mean().item() as number;
    assert.ok(kept > 0.5 && kept < 0.9, `kept ${kept}`);
  });
});

test('at its zero start the two-tower net is the flat ResNet-MLP on today\'s row', () => {
  torch.manualSeed(2);
  const C = prep.channels.length, f = prep.inputs.length;
  const mlp = createModel('detect_mlp_resnet', { input: [C * f] }).eval();
  const net = createModel('detect_2tower_resnet', { input: [T, C, f + 1] }).eval();
  const { missing, unexpected } = net.loadStateDict(mlp.stateDict(), false);
  assert.deepEqual(unexpected, []);
  assert.ok(missing.every((k) => k.startsWith('pastTower.') || k.startsWith('fuse.')), missing.join(', '));
  const base = applyPrepare(prep, m);
  const flat = new BoundLayout(fitLayout('flat', prep, base, split.train), prep, base, m.n, m);
  const L = bind(m.values);
  const rows = [0, 3, 45, m.n - 1];
  try {
    const a = scores(mlp, flat, rows), b = scores(net, L, rows);
    a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-5, `row ${rows[i]}: ${v} vs ${b[i]}`));
  } finally {
    flat.dispose(); L.dispose(); mlp.dispose(); net.dispose();
  }
});

test('a user\'s first day (no past at all) gets a finite score', () => {
  const model = tower('detect_2tower_devconv_resnet');
  const L = bind(m.values);
  try {
    const s = scores(model, L, [0, 30, 60]);
    assert.ok(s.every(Number.isFinite), s.join(', '));
  } finally {
    L.dispose();
    model.dispose();
  }
});

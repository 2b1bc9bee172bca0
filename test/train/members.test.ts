// Training and scoring a TabM-style efficient ensemble: the training loss is the mean of
// the members' own losses (each member rebuilt as a plain network with its adapters
// folded into the shared weights), scores average the members' probabilities (not their
// logits), and --linear-first freezes one logistic shortcut shared by every member.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '../../src/torch/index.js';
import { createModel, type BlockNet } from '../../src/models/index.js';
import { prepareDetection } from '../../src/train/data.js';
import { detectionTask } from '../../src/train/detectTask.js';
import { detectionLoss, positiveWeight, type Balance } from '../../src/train/loss.js';
import { predictLogits, rowsTensor } from '../../src/train/predict.js';
import { scoreRows, scoreOfOutput } from '../../src/train/modes.js';
import { ensembleLogit } from '../../src/train/members.js';
import { trainMember, DEFAULT_TRAIN } from '../../src/train/trainer.js';
import { fitLinearShortcut, setLinearShortcut } from '../../src/train/linearFirst.js';
import { assertClose } from '../helpers/close.js';
import { memberInto } from '../helpers/members.js';
import { toyMatrix } from './helpers.js';

const data = prepareDetection(toyMatrix({ users: 16, days: 30, insiders: 6, signal: 4 }), { layout: 'flat', split: { kind: 'user', seed: 1 } });
const input = data.layout.inputShape;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Member i of an efficient ensemble as the plain network it stands for (test/helpers/members.ts). */
function memberNet(model: BlockNet, name: string, i: number): BlockNet {
  return memberInto(model, createModel(name, { input, overrides: { dropout: 0 } }), i);
}

/** Moves every member-owned vector off its initial value, so the members differ everywhere. */
function scramble(model: BlockNet): void {
  torch.noGrad(() => {
    for (const [key, p] of model.namedParameters()) {
      if (/\.(r|s)$/.test(key)) p.normal_(1, 0.4);
      else if (key.endsWith('bias') || key.startsWith('head') || /bn\.weight$/.test(key)) p.normal_(0.2, 0.5);
    }
  });
}

for (const name of ['detect_mlp_resnet', 'detect_mlp_skip_resnet']) {
  for (const balance of ['focal', 'weighted'] as Balance[]) {
    test(`${name}, ${balance} loss: the training loss is the mean of the members' own losses, each member a plain network`, () => {
      torch.manualSeed(11);
      const k = 3;
      const model = createModel(name, { input, members: k, overrides: { dropout: 0 } });
      scramble(model);
      const members = Array.from({ length: k }, (_, i) => memberNet(model, name, i));
      const rows = data.split.train.subarray(0, 40);
      const task = detectionTask(data.layout, data.labels, data.split.train, balance);
      const posWeight = positiveWeight(data.labels, data.split.train);
      torch.tidy(() => {
        model.train();
        const got = task.loss(model, rows).item() as number;
        const x = data.layout.batch(rowsTensor(rows));
        const y = torch.tensor(Float32Array.from(rows, (r) => (data.labels[r]! > 0 ? 1 : 0)));
        const own = members.map((m) => detectionLoss(m.train().forward(x).select(1, 0), y, { balance, posWeight }).item() as number);
        assert.ok(Math.max(...own) - Math.min(...own) > 1e-3, `the members differ: ${own}`);
        assertClose(got, own.reduce((a, b) => a + b, 0) / k, { rtol: 1e-4, atol: 1e-6 }, 'loss');
      });
      for (const m of [model, ...members]) m.dispose();
    });
  }
}

test('scores average the members\' probabilities, not their logits: members that disagree', () => {
  torch.manualSeed(12);
  const z = [2, -1, 0.5];
  const model = createModel('detect_mlp_resnet', { input, members: z.length });
  // A zero head leaves each member its bias: every row's member logits are z.
  const head = (model as unknown as { head: { weight: torch.Tensor; bias: torch.Tensor } }).head;
  torch.noGrad(() => torch.tidy(() => { head.weight.zero_(); head.bias.copy_(torch.tensor(z, { shape: [z.length, 1] })); }));
  const rows = data.split.test.subarray(0, 10);
  const meanP = z.reduce((a, v) => a + sigmoid(v), 0) / z.length;
  assert.ok(Math.abs(meanP - sigmoid(0.5)) > 0.02, 'averaging logits would give another score');
  for (const p of scoreRows('supervised', model, data.layout, rows)) assert.ok(Math.abs(p - meanP) < 1e-6, `${p} vs ${meanP}`);
  for (const l of predictLogits(model, data.layout, rows)) assert.ok(Math.abs(l - Math.log(meanP / (1 - meanP))) < 1e-5, `${l}`);
  model.dispose();
});

test('the ensemble logit is stable for confident members, and autoencoder scores are the members\' mean error', () => {
  torch.tidy(() => {
    // Rows of 2 members: certain and opposed (mean ½), both certain and negative, both 0, certain and undecided (¾).
    const got = ensembleLogit(torch.tensor([40, -40, -100, -100, 0, 0, 40, 0]), 2).toFlatArray();
    assertClose(got, [0, -100, 0, Math.log(3)], { atol: 1e-4 });
    const y = torch.tensor([1, 2, 3, 5, 0, 0, 0, 1], { shape: [4, 2] }); // 2 rows × 2 members × 2 outputs
    const base = torch.tensor([1, 1, 0, 0], { shape: [2, 2] });
    // Row 0: members' errors (0 + 1)/2 and (4 + 16)/2; row 1: 0 and 1/2.
    assertClose(scoreOfOutput('autoencoder', y, () => base, 2), [(0.5 + 10) / 2, (0 + 0.5) / 2], { atol: 1e-6 });
  });
});

test('linear first with members: every member\'s shortcut is the fitted logistic model, frozen while the rest trains', () => {
  const s = fitLinearShortcut(data, 1);
  const f = input[0]!, k = 4;
  const rows = data.split.test;
  const x = torch.tidy(() => data.layout.batch(rowsTensor(rows)).dataSync() as Float32Array);
  const want = Array.from(rows, (_, i) => s.b + s.w.reduce((acc, w, j) => acc + w * x[i * f + j]!, 0));
  const fresh = createModel('detect_mlp_skip_resnet', { input, members: k });
  setLinearShortcut(fresh, 'detect_mlp_skip_resnet', s);
  predictLogits(fresh, data.layout, rows).forEach((v, i) => assert.ok(Math.abs(v - want[i]!) < 1e-3 * (1 + Math.abs(want[i]!)), `row ${i}: ${v} vs ${want[i]}`));
  fresh.dispose();

  const dir = mkdtempSync(join(tmpdir(), 'reslab-members-'));
  try {
    const r = trainMember({ ...DEFAULT_TRAIN, model: 'detect_mlp_skip_resnet', members: k, epochs: 1, batch: 32, seed: 3 }, {
      task: detectionTask(data.layout, data.labels, data.split.train, 'sampler'), train: data.split.train, val: data.split.val, dir, member: 0, resume: false,
      init: (model) => setLinearShortcut(model, 'detect_mlp_skip_resnet', s),
    });
    const sd = r.model.stateDict();
    assert.deepEqual(Array.from(sd.get('skip.weight')!.dataSync() as Float32Array), Array.from(s.w));
    for (const a of ['skip.r', 'skip.s']) assert.ok((sd.get(a)!.sub(1).abs().max().item() as number) === 0, a);
    assertClose(sd.get('skip.bias')!, Array(k).fill(s.b), { atol: 1e-6 });
    assert.ok((sd.get('head.weight')!.abs().sum().item() as number) > 0, 'the residual heads trained');
    r.model.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

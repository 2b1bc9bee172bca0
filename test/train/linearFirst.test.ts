// --linear-first: the shortcut of detect_mlp_skip_resnet is the logistic regression of the
// baselines, fitted on the training rows' inputs, and stays frozen while the residual stack
// trains; at initialisation (zero head) the network is exactly that logistic model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '../../src/torch/index.js';
import { createModel } from '../../src/models/index.js';
import { prepareDetection } from '../../src/train/data.js';
import { trainMember, DEFAULT_TRAIN } from '../../src/train/trainer.js';
import { detectionTask } from '../../src/train/detectTask.js';
import { predictLogits } from '../../src/train/predict.js';
import { fitLinearShortcut, setLinearShortcut } from '../../src/train/linearFirst.js';
import { toyMatrix } from './helpers.js';

const m = toyMatrix({ users: 16, days: 30, insiders: 6, signal: 4 });
const data = prepareDetection(m, { layout: 'flat', split: { kind: 'user', seed: 1 } });
const flat = (rows: Int32Array) => torch.tidy(() => data.layout.batch(torch.tensor(rows, { dtype: 'int64' })).dataSync() as Float32Array);

test('linear first: the untrained network scores rows exactly as the fitted logistic model; training leaves the shortcut unchanged', () => {
  const s = fitLinearShortcut(data, 1);
  const f = data.layout.inputShape[0]!;
  assert.equal(s.w.length, f);
  const rows = data.split.test;
  const x = flat(rows);
  const want = Array.from(rows, (_, i) => s.b + s.w.reduce((acc, w, j) => acc + w * x[i * f + j]!, 0));

  const fresh = createModel('detect_mlp_skip_resnet', { input: data.layout.inputShape, overrides: { numClasses: 1 } });
  setLinearShortcut(fresh, 'detect_mlp_skip_resnet', s);
  const got = predictLogits(fresh, data.layout, rows);
  got.forEach((v, i) => assert.ok(Math.abs(v - want[i]!) < 1e-3 * (1 + Math.abs(want[i]!)), `row ${i}: ${v} vs ${want[i]}`));
  fresh.dispose();

  const dir = mkdtempSync(join(tmpdir(), 'reslab-linear-first-'));
  try {
    const r = trainMember({ ...DEFAULT_TRAIN, model: 'detect_mlp_skip_resnet', epochs: 2, batch: 32, seed: 3 }, {
      task: detectionTask(data.layout, data.labels, data.split.train, 'sampler'), train: data.split.train, val: data.split.val, dir, member: 0, resume: false,
      init: (model) => setLinearShortcut(model, 'detect_mlp_skip_resnet', s),
    });
    const sd = r.model.stateDict();
    assert.deepEqual(Array.from(sd.get('skip.weight')!.dataSync() as Float32Array), Array.from(s.w));
    assert.ok(Math.abs((sd.get('skip.bias')!.dataSync() as Float32Array)[0]! - s.b) < 1e-6);
    assert.ok((sd.get('head.weight')!.abs().sum().item() as number) > 0, 'the residual head trained');
    r.model.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('linear first needs a model with the shortcut', () => {
  const model = createModel('detect_mlp_resnet', { input: data.layout.inputShape, overrides: { numClasses: 1 } });
  assert.throws(() => setLinearShortcut(model, 'detect_mlp_resnet', { w: new Float32Array(data.layout.inputShape[0]!), b: 0 }), /needs a model with a linear input→output shortcut \(detect_mlp_skip_resnet\); detect_mlp_resnet has none/);
  model.dispose();
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '../../src/torch/index.js';
import { prepareDetection } from '../../src/train/data.js';
import { trainMember, DEFAULT_TRAIN, type TrainOptions } from '../../src/train/trainer.js';
import { saveCheckpoint, loadCheckpoint } from '../../src/rundir/checkpoint.js';
import { predictLogits } from '../../src/train/predict.js';
import { detectionTask } from '../../src/train/detectTask.js';
import { scoreRows } from '../../src/train/modes.js';
import { rocAuc } from '../../src/eval/index.js';
import { toyMatrix } from './helpers.js';

const m = toyMatrix({ users: 16, days: 30, insiders: 6, signal: 4 });
const data = prepareDetection(m, { layout: 'flat', split: { kind: 'user', seed: 1 } });
const opts: TrainOptions = { ...DEFAULT_TRAIN, model: 'detect_mlp_resnet', epochs: 4, batch: 32, patience: 100, seed: 3 };
const tmp = () => mkdtempSync(join(tmpdir(), 'reslab-train-'));
const input = (dir: string, extra = {}) => ({ task: detectionTask(data.layout, data.labels, data.split.train, 'sampler'), train: data.split.train, val: data.split.val, dir, member: 0, resume: false, ...extra });
const weights = (model: { stateDict(): Map<string, torch.Tensor> }) => [...model.stateDict()].map(([k, t]) => [k, Array.from(t.dataSync() as Float32Array)]);

// Batches per epoch, to kill the run below in the middle of its third epoch.
let killAt = 0;
{
  const trainNeg = data.split.train.filter((r) => data.labels[r] === 0).length;
  const perEpoch = Math.ceil(trainNeg / (opts.batch - Math.round(opts.batch * opts.positiveShare)));
  killAt = 2 * perEpoch + 1;
}

test('training learns a separable signal: held-out ROC-AUC well above chance', () => {
  const dir = tmp();
  try {
    const r = trainMember(opts, input(dir));
    const scores = predictLogits(r.model, data.layout, data.split.test);
    const auc = rocAuc(scores, Array.from(data.split.test, (i) => (data.labels[i] > 0 ? 1 : 0)));
    assert.ok(auc > 0.8, `test ROC-AUC ${auc}`);
    r.model.dispose();
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('--resume after a kill ends with the same weights as an uninterrupted run of the same seed', () => {
  const a = tmp(), b = tmp();
  try {
    const full = trainMember(opts, input(a));
    // Kill during epoch 3: the checkpoint of epoch 2 is on disk, epoch 3 never finished.
    assert.throws(() => trainMember(opts, input(b, { onBatch: () => { if (killAt-- === 0) throw new Error('killed'); } })), /killed/);
    const resumed = trainMember(opts, input(b, { resume: true }));
    assert.equal(resumed.resumedFrom, 2);
    assert.deepEqual(weights(resumed.model), weights(full.model));
    const ca = loadCheckpoint(a)!, cb = loadCheckpoint(b)!;
    assert.equal(cb.epoch, 4);
    for (const [k, t] of ca.model) assert.deepEqual(Array.from(cb.model.get(k)!.dataSync() as Float32Array), Array.from(t.dataSync() as Float32Array), k);
    full.model.dispose(); resumed.model.dispose();
  } finally { rmSync(a, { recursive: true, force: true }); rmSync(b, { recursive: true, force: true }); }
});
test('a corrupt checkpoint is reported and the previous one is used and kept', () => {
  const dir = tmp();
  try {
    const t = torch.keep(torch.tensor([1, 2, 3]));
    for (const epoch of [1, 2]) saveCheckpoint(dir, { epoch, model: new Map([['w', t.mul(epoch)]]), optimizer: { tensors: new Map(), scalars: { '0.step': epoch } }, info: { epoch } });
    const latest = join(dir, 'epoch-0002.safetensors');
    const bytes = readFileSync(latest);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(latest, bytes);
    const warnings: string[] = [];
    const ck = loadCheckpoint(dir, (w) => warnings.push(w))!;
    assert.equal(ck.epoch, 1);
    assert.deepEqual(Array.from(ck.model.get('w')!.dataSync() as Float32Array), [1, 2, 3]);
    assert.equal(ck.optimizer.scalars['0.step'], 1);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /epoch-0002\.safetensors: corrupt .*previous checkpoint \(epoch 1\)/);
    // With the previous one gone too, the error names the file.
    rmSync(join(dir, 'epoch-0001.safetensors'));
    assert.throws(() => loadCheckpoint(dir), /epoch-0001\.safetensors: missing/);
    t.dispose();
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('checkpoints keep only the latest and the previous epoch', () => {
  const dir = tmp();
  try {
    const t = torch.keep(torch.tensor([1]));
    for (const epoch of [1, 2, 3]) saveCheckpoint(dir, { epoch, model: new Map([['w', t]]), optimizer: { tensors: new Map(), scalars: {} }, info: {} });
    const files = (readFileSync(join(dir, 'checkpoint.json'), 'utf8'));
    assert.match(files, /epoch-0003/);
    assert.match(files, /epoch-0002/);
    assert.doesNotMatch(files, /epoch-0001/);
    t.dispose();
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

for (const mode of ['autoencoder', 'svdd'] as const) {
  test(`${mode}: trained without labels (shuffled labels give the same weights), scores finite and higher for the planted signal`, () => {
    const a = tmp(), b = tmp();
    try {
      const o = { ...opts, epochs: 2 };
      const task = detectionTask(data.layout, data.labels, data.split.train, 'none', mode);
      const shuffled = Int32Array.from(data.labels).reverse();
      const taskShuffled = detectionTask(data.layout, shuffled, data.split.train, 'none', mode);
      // Validation figures read labels, but only for reporting: compare weights, not records.
      const r1 = trainMember(o, { task, train: data.split.train, val: data.split.val, dir: a, member: 0, resume: false });
      const r2 = trainMember(o, { task: taskShuffled, train: data.split.train, val: data.split.val, dir: b, member: 0, resume: false });
      assert.deepEqual(weights(r1.model), weights(r2.model));
      const s = scoreRows(mode, r1.model, data.layout, data.split.test);
      assert.ok(s.every(Number.isFinite));
      if (mode === 'autoencoder') {
        const auc = rocAuc(s, Array.from(data.split.test, (i) => (data.labels[i] > 0 ? 1 : 0)));
        assert.ok(auc > 0.6, `autoencoder test ROC-AUC ${auc}`);
      }
      r1.model.dispose(); r2.model.dispose();
    } finally { rmSync(a, { recursive: true, force: true }); rmSync(b, { recursive: true, force: true }); }
  });
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageSplit } from '../../src/train/imageRun.js';
import { fitPixelNorm, imageBatch, imageTask } from '../../src/train/imageTask.js';
import type { ImageDataset, ImageSet } from '../../src/data/images/dataset.js';
import { createModel } from '../../src/models/index.js';

function set(n: number, seed: number): ImageSet {
  const pixels = Uint8Array.from({ length: n * 16 }, (_, i) => (i * 37 + seed * 11) % 256);
  return { pixels, labels: Uint8Array.from({ length: n }, (_, i) => i % 2), n, shape: [1, 4, 4] };
}
const ds: ImageDataset = { dir: 'mem', train: set(100, 1), test: set(30, 2), numClasses: 2 };

test('the image split is seeded: same seed same rows, train and validation disjoint, --limit and --test-limit respected', () => {
  const a = imageSplit(ds, { seed: 4, limit: 50, val: 20, testLimit: 10 });
  const b = imageSplit(ds, { seed: 4, limit: 50, val: 20, testLimit: 10 });
  const c = imageSplit(ds, { seed: 5, limit: 50, val: 20, testLimit: 10 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(Array.from(a.train), Array.from(c.train));
  assert.equal(a.train.length, 50);
  assert.equal(a.val.length, 20);
  assert.deepEqual(Array.from(a.test), Array.from({ length: 10 }, (_, i) => i));
  const val = new Set(a.val);
  assert.ok(Array.from(a.train).every((r) => !val.has(r)));
  assert.equal(imageSplit(ds, { seed: 4, limit: 0, val: 20, testLimit: 0 }).train.length, 80);
  assert.throws(() => imageSplit(ds, { seed: 4, limit: 0, val: 100, testLimit: 0 }), /only 100 images/);
});

test('inputs are standardised with the training rows\' pixel mean and sd', () => {
  const rows = Int32Array.from({ length: 100 }, (_, i) => i);
  const norm = fitPixelNorm(ds.train, rows);
  const x = imageBatch(ds.train, rows, norm);
  assert.deepEqual(x.shape, [100, 1, 4, 4]);
  assert.ok(Math.abs(x.mean().item()) < 1e-4);
  assert.ok(Math.abs(x.std().item() - 1) < 1e-2);
  x.dispose();
});

test('the image task: cross-entropy loss, accuracy as the validation score', () => {
  const rows = Int32Array.from({ length: 20 }, (_, i) => i);
  const task = imageTask(ds.train, fitPixelNorm(ds.train, rows), 2);
  assert.deepEqual(task.inputShape, [1, 4, 4]);
  assert.equal(task.numOutputs, 2);
  const model = createModel('tabular_resnet2d', { input: [1, 4, 4], overrides: { numClasses: 2 } });
  const l = task.loss(model, rows);
  assert.ok(l.item() > 0 && Number.isFinite(l.item()));
  const v = task.validate(model, rows);
  assert.equal(v.valScore, v.figures.valAccuracy);
  assert.ok(v.valScore! >= 0 && v.valScore! <= 1);
  assert.equal(task.validate(model, new Int32Array(0)).valScore, null);
  model.dispose();
});

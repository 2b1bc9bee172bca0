// The supervised detectors learn a separable toy set (training and held-out ROC-AUC near
// 1), are deterministic under a seed, and XGBoost models survive a save/load round trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector, XGBoostDetector } from '../../src/baselines/index.js';
import { rocAuc } from '../../src/eval/index.js';
import { separable } from './helpers.js';

const SUPERVISED = ['xgboost', 'random_forest', 'logistic'];

for (const name of SUPERVISED) {
  test(`${name}: learns a separable set (train and held-out ROC-AUC ~ 1)`, async () => {
    const train = separable(600, 5, 1);
    const test_ = separable(300, 5, 2);
    const det = createDetector(name, name === 'xgboost' ? { rounds: 50 } : {});
    assert.equal(det.supervised, true);
    await det.fit(train.data, train.labels, { seed: 3 });
    const auc = rocAuc(await det.score(train.data), train.labels);
    const held = rocAuc(await det.score(test_.data), test_.labels);
    assert.ok(auc > 0.995, `train AUC ${auc}`);
    assert.ok(held > 0.98, `held-out AUC ${held}`);
    det.dispose?.();
  });

  test(`${name}: the same seed gives the same scores`, async () => {
    const { data, labels } = separable(300, 4, 4);
    const run = async (seed: number) => {
      const d = createDetector(name, name === 'xgboost' ? { rounds: 10, subsample: 0.7 } : {});
      await d.fit(data, labels, { seed });
      const s = await d.score(data);
      d.dispose?.();
      return s;
    };
    assert.deepEqual(await run(5), await run(5));
    if (name !== 'logistic') assert.notDeepEqual(await run(5), await run(6));
  });
}

test('xgboost: a model saved as JSON loads back with identical scores', () => {
  const { data, labels } = separable(300, 4, 6);
  const a = new XGBoostDetector('xgboost', { rounds: 20 });
  a.fit(data, labels, { seed: 1 });
  const json = a.saveModel();
  assert.equal(JSON.parse(json).learner.objective.name, 'binary:logistic');
  const b = new XGBoostDetector('xgboost').loadModel(json);
  assert.deepEqual(b.score(data), a.score(data));
  a.dispose();
  a.dispose();
  assert.throws(() => a.score(data), /before fit/);
  assert.throws(() => b.score({ x: new Float32Array(10), n: 2, f: 5 }), /fitted on 4/);
  b.dispose();
});

test('xgboost: an XGBoost error comes back as a JS error with its message', () => {
  const { data, labels } = separable(100, 3, 7);
  const d = createDetector('xgboost', { objective: 'no:such', rounds: 1 });
  assert.throws(() => d.fit(data, labels), /xgboost update: .*Unknown objective function/);
});

test('random_forest: one round of num_parallel_tree trees', () => {
  const { data, labels } = separable(200, 4, 8);
  const d = new XGBoostDetector('random_forest', { num_parallel_tree: 7 });
  d.fit(data, labels, { seed: 1 });
  const model = JSON.parse(d.saveModel());
  assert.equal(model.learner.gradient_booster.model.trees.length, 7);
  d.dispose();
});

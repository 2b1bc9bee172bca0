// Bad input fails early with a message that says what was expected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector, detectorNames } from '../../src/baselines/index.js';
import { parseDetectorParams } from '../../src/train/baselines.js';
import * as torch from '../../src/torch/index.js';
import { separable } from './helpers.js';
import { GRAPH_DETECTORS } from '../../src/baselines/graph/index.js';
import type { EdgeList, GraphContext } from '../../src/baselines/graph/types.js';

const good = separable(50, 3, 1);

// The graph detectors also need each row's user and day and some log edges: 5 users × 10 days,
// each mailing the next user, logging on to its own PC and visiting its own site every day.
const edge = (kind: 'email' | 'pc' | 'web', targets: string[]): EdgeList => ({
  kind, targets, user: Int32Array.from({ length: 50 }, (_, i) => i % 5), target: Int32Array.from({ length: 50 }, (_, i) => (i + (kind === 'email' ? 1 : 0)) % 5),
  day: Int32Array.from({ length: 50 }, (_, i) => 14600 + Math.floor(i / 5)), count: new Float32Array(50).fill(1),
});
const users = ['u0', 'u1', 'u2', 'u3', 'u4'];
const context: GraphContext = { users, user: edge('pc', users).user, time: edge('pc', users).day, edges: [edge('email', users), edge('pc', users.map((u) => `PC-${u}`)), edge('web', users.map((u) => `${u}.com`))] };
const dataFor = (name: string) => (GRAPH_DETECTORS.includes(name) ? { ...good.data, context } : good.data);

test('registry: every name builds, unknown names are refused with the list', () => {
  for (const name of detectorNames) assert.equal(createDetector(name).name, name);
  assert.throws(() => createDetector('svm'), /unknown detector 'svm' \(known: xgboost, /);
  assert.throws(() => createDetector('isolation_forest', { trees: 0 }), /trees must be an integer >= 1/);
});

test('registry: a parameter the detector never reads is refused (a typo must not leave the default in place); XGBoost passes its own through', () => {
  assert.throws(() => createDetector('isolation_forest', { tree: 50 }), /isolation_forest: unknown parameter tree \(docs\/baselines.md/);
  assert.throws(() => createDetector('ecod', { k: 1 }), /ecod: unknown parameter k/);
  assert.throws(() => createDetector('gcn', { epoch: 3, hiden: 8 }), /gcn: unknown parameters epoch, hiden/);
  assert.equal(createDetector('gcn', { epochs: 3 }).name, 'gcn');
  assert.equal(createDetector('xgboost', { max_depth: 4, rounds: 10 }).name, 'xgboost');
  // The louvain variants keep their own kind unless told otherwise, and take a comma list.
  assert.equal(createDetector('louvain_pc', { resolution: 0.5 }).name, 'louvain_pc');
  assert.equal(createDetector('louvain', { kinds: 'email,pc' }).name, 'louvain');
  assert.throws(() => createDetector('louvain', { kinds: 'mail' }), /kinds must be a non-empty list of/);
});

test('parseDetectorParams: DETECTOR.KEY=VALUE with numbers, booleans and text; malformed or unknown detectors are named', () => {
  assert.deepEqual(parseDetectorParams(['xgboost.rounds=500', 'xgboost.eta=0.1', 'gcn.kinds=email,pc', 'xgboost.verbosity=false']), {
    xgboost: { rounds: 500, eta: 0.1, verbosity: false }, gcn: { kinds: 'email,pc' },
  });
  assert.throws(() => parseDetectorParams(['rounds=5']), /--param 'rounds=5': expected DETECTOR.KEY=VALUE/);
  assert.throws(() => parseDetectorParams(['svm.c=1']), /unknown detector 'svm'/);
});

for (const name of detectorNames) {
  test(`${name}: n*f mismatch, missing labels, early score and wrong width are clear errors`, async () => {
    const d = createDetector(name);
    await assert.rejects(async () => d.score(good.data), /score\(\) called before fit\(\)/);
    await assert.rejects(async () => d.fit({ x: new Float32Array(10), n: 3, f: 3 }, good.labels), /x has 10 values, expected n\*f = 3\*3 = 9/);
    if (d.supervised) {
      await assert.rejects(async () => d.fit(dataFor(name)), /is supervised: fit\(train, labels\) needs 0\/1 labels/);
      await assert.rejects(async () => d.fit(dataFor(name), good.labels.subarray(1)), /49 labels for 50 rows/);
      await assert.rejects(async () => d.fit(dataFor(name), new Uint8Array(50)), /only one class/);
    }
    await d.fit(dataFor(name), good.labels, { seed: 1 });
    await assert.rejects(async () => d.score({ x: new Float32Array(8), n: 2, f: 4 }), /4 features, but the detector was fitted on 3/);
    d.dispose?.();
  });
}

test('engine detectors free their tensors on dispose', async () => {
  const before = torch.liveTensors();
  for (const name of ['logistic', 'pca', 'knn', 'deep_svdd']) {
    const d = createDetector(name, name === 'knn' ? { k: 2 } : {});
    await d.fit(good.data, good.labels, { seed: 1 });
    await d.score(good.data);
    d.dispose?.();
  }
  assert.equal(torch.liveTensors(), before);
});

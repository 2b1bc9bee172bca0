// The search-space sampler: seeded and reproducible, trial 0 the method's defaults, trial
// t the same whatever the budget, every draw inside its declared range, and a space for
// every method the brief names (XGBoost, random forest, logistic, every residual recipe).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inDim, sampleParams, trialParams, type Space } from '../../src/tune/space.js';
import { spaceFor } from '../../src/tune/spaces.js';
import { withTrialParams } from '../../src/tune/tune.js';
import { RECIPES, resolveMethod } from '../../src/contest/methods.js';
import { Rng } from '../../src/util/rng.js';

const SPACE: Space = {
  a: { kind: 'float', lo: 1e-4, hi: 1, log: true },
  b: { kind: 'int', lo: 2, hi: 4 },
  c: { kind: 'choice', values: ['x', 'y', 3] },
  d: { kind: 'int', lo: 50, hi: 800, log: true },
};

test('trial params: seeded and reproducible; another seed draws others; trial t does not depend on the budget', () => {
  const a = trialParams(SPACE, 12, 5);
  assert.deepEqual(trialParams(SPACE, 12, 5), a);
  assert.notDeepEqual(trialParams(SPACE, 12, 6).slice(1), a.slice(1));
  assert.deepEqual(trialParams(SPACE, 4, 5), a.slice(0, 4));
  assert.equal(new Set(a.slice(1).map((p) => JSON.stringify(p))).size, 11, 'trials repeat');
});

test('trial 0 is the defaults: no parameter set, so the method is exactly its untuned spec', () => {
  for (const name of ['xgboost', 'random_forest+dev', 'logistic', 'mlp-skip-best-lin']) {
    const spec = resolveMethod(name);
    const [first] = trialParams(spaceFor(spec)!, 3, 1);
    assert.deepEqual(first, {});
    assert.deepEqual(withTrialParams(spec, first!), spec);
  }
});

test('every draw lies in its range; integer ranges reach both ends; a log range spreads over its decades', () => {
  const rng = new Rng(1);
  const draws = Array.from({ length: 2000 }, () => sampleParams(SPACE, rng));
  for (const p of draws) for (const [k, d] of Object.entries(SPACE)) assert.ok(inDim(d, p[k]), `${k} = ${p[k]}`);
  assert.deepEqual(new Set(draws.map((p) => p.b)), new Set([2, 3, 4]));
  assert.deepEqual(new Set(draws.map((p) => p.c)), new Set(['x', 'y', 3]));
  const below = draws.filter((p) => (p.a as number) < 1e-2).length / draws.length;
  assert.ok(below > 0.4 && below < 0.6, `log-uniform: ${below} of draws below 1e-2`);
});

test('spaces: XGBoost, random forest and logistic declared, every residual recipe searches trainer options it reads', () => {
  assert.ok(spaceFor(resolveMethod('xgboost'))!.max_delta_step);
  assert.ok(spaceFor(resolveMethod('xgboost+dev'))!.scale_pos_weight);
  assert.ok(spaceFor(resolveMethod('random_forest'))!.colsample_bynode);
  assert.ok(spaceFor(resolveMethod('logistic'))!.l2);
  assert.equal(spaceFor(resolveMethod('ecod')), null);
  for (const name of Object.keys(RECIPES)) {
    const space = spaceFor(resolveMethod(name))!;
    assert.ok(space.lr && space.weightDecay, name);
    // positiveShare only where the balanced sampler reads it.
    assert.equal('positiveShare' in space, (RECIPES[name]!.balance ?? 'sampler') === 'sampler', name);
  }
});

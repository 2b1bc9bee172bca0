// Tuning never reads the test rows: scrambling every test row's values and labels leaves
// every trial's validation PR-AUC, and so the winner, exactly as it was, for a baseline,
// a baseline on deviation inputs and a residual recipe; scrambling the validation rows
// instead does move them (so the check can fail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toyMatrix } from '../train/helpers.js';
import type { FeatureMatrix } from '../../src/data/cert/matrix.js';
import { resolveMethod, RECIPES } from '../../src/contest/methods.js';
import { CONTEST_SPLIT } from '../../src/contest/cells.js';
import { makeSplit } from '../../src/train/split.js';
import { search } from '../../src/tune/tune.js';
import { Rng } from '../../src/util/rng.js';

const base = toyMatrix({ users: 40, days: 40, insiders: 16, signal: 0.6 });
const SEED = 3;
const split = makeSplit({ user: base.user, time: base.time, insider: base.insider }, { ...CONTEST_SPLIT, seed: SEED });

/** A copy of m with the given rows' values replaced by noise and their labels flipped at random. */
function scramble(m: FeatureMatrix, rows: Int32Array, seed: number): FeatureMatrix {
  const values = m.values.slice(), insider = m.insider!.slice();
  const f = m.columns.length, rng = new Rng(seed, 0x5c);
  for (const r of rows) {
    for (let j = 0; j < f; j++) values[r * f + j] = Math.round(rng.uniform(0, 40));
    insider[r] = rng.chance(0.5) ? 1 + rng.int(5) : 0;
  }
  return { ...m, values, insider };
}

async function trials(m: FeatureMatrix, method: string, n: number): Promise<number[]> {
  const s = await search(m, resolveMethod(method), { trials: n, seed: SEED, split: { ...CONTEST_SPLIT, seed: SEED } });
  return s.trials.map((t) => t.valPrAuc);
}

test('the split has insiders on every side and the scramble changes the test rows (else the test below proves nothing)', () => {
  const scrambled = scramble(base, split.test, 1);
  for (const part of [split.train, split.val, split.test]) assert.ok(part.some((r) => base.insider![r]! > 0));
  assert.ok(split.test.some((r) => scrambled.insider![r] !== base.insider![r]));
  // The scramble leaves the split itself alone: test labels never choose rows.
  const again = makeSplit({ user: scrambled.user, time: scrambled.time, insider: scrambled.insider }, { ...CONTEST_SPLIT, seed: SEED });
  assert.deepEqual([again.train, again.val, again.test], [split.train, split.val, split.test]);
});

for (const [method, n] of [['logistic', 4], ['xgboost+dev', 4]] as const) {
  test(`${method}: scrambling the test rows changes no trial; scrambling the validation rows does`, async () => {
    const clean = await trials(base, method, n);
    assert.ok(new Set(clean).size > 1, `the trials differ (${clean.join(', ')}), so a winner is chosen`);
    assert.deepEqual(await trials(scramble(base, split.test, 1), method, n), clean);
    assert.notDeepEqual(await trials(scramble(base, split.val, 1), method, n), clean);
  });
}

test('residual recipe: scrambling the test rows changes no trial', async () => {
  RECIPES['tiny-test-recipe'] = { model: 'detect_mlp_resnet', layout: 'flat', epochs: 2, patience: 1 };
  try {
    const clean = await trials(base, 'tiny-test-recipe', 2);
    assert.deepEqual(await trials(scramble(base, split.test, 2), 'tiny-test-recipe', 2), clean);
    assert.notDeepEqual(await trials(scramble(base, split.val, 2), 'tiny-test-recipe', 2), clean);
  } finally {
    delete RECIPES['tiny-test-recipe'];
  }
});

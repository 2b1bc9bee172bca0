// XGBoost's early stopping watches the validation rows and only them: the round count it
// keeps is the best one by PR-AUC on those rows of a model fitted on the training rows
// alone, it moves when the validation rows change, and it stays put when the test rows
// are scrambled. Off (the default), XGBoost does not ask for validation rows at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDetector, XGBoostDetector } from '../../src/baselines/index.js';
import { gatherRows } from '../../src/baselines/rows.js';
import { applyPrepare, fitPrepare } from '../../src/layout/prepare.js';
import { averagePrecision } from '../../src/eval/auc.js';
import { runBaselines } from '../../src/train/baselines.js';
import { makeSplit } from '../../src/train/split.js';
import type { FeatureMatrix } from '../../src/data/cert/matrix.js';
import { Rng } from '../../src/util/rng.js';
import { toyMatrix } from '../train/helpers.js';

const SPLIT = { kind: 'le2020' as const, trainUsers: 0.6 };
const PARAMS = { rounds: 60, early_stopping_rounds: 5, eta: 0.3 };
const base = toyMatrix({ users: 40, days: 40, insiders: 16, signal: 1 });

/** The rows' values replaced by noise and their labels shuffled among them (the test rows still get scored, so both classes stay). */
function scramble(m: FeatureMatrix, rows: Int32Array, seed: number): FeatureMatrix {
  const values = m.values.slice(), insider = m.insider!.slice();
  const f = m.columns.length, rng = new Rng(seed, 0x5d);
  const labels = Array.from(rows, (r) => insider[r]!);
  for (let i = labels.length - 1; i > 0; i--) { const j = rng.int(i + 1); [labels[i], labels[j]] = [labels[j]!, labels[i]!]; }
  rows.forEach((r, i) => {
    for (let j = 0; j < f; j++) values[r * f + j] = Math.round(rng.uniform(0, 40));
    insider[r] = labels[i]!;
  });
  return { ...m, values, insider };
}

/** The early-stopping record runBaselines writes for xgboost at seed 1. */
async function stopping(m: FeatureMatrix): Promise<{ rounds: number; validationPrAuc: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-es-'));
  try {
    await runBaselines({ features: 'toy', detectors: ['xgboost'], split: SPLIT, seeds: [1], params: { xgboost: PARAMS } }, dir, () => {}, m);
    return JSON.parse(readFileSync(join(dir, 'xgboost', 'seed-1', 'result.json'), 'utf8')).earlyStopping;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('xgboost asks for validation rows only with early stopping on', () => {
  assert.equal(createDetector('xgboost').validates, false);
  assert.equal(createDetector('xgboost', PARAMS).validates, true);
  assert.equal(createDetector('random_forest', { early_stopping_rounds: 5 }).validates, false);
});

test('runBaselines: the kept rounds are the best by validation PR-AUC of a model fitted on the training rows alone', async () => {
  const es = await stopping(base);
  assert.ok(es.rounds >= 1 && es.rounds < PARAMS.rounds, `stopped at ${es.rounds}`);
  // Rebuild it by hand: fit on split.train for 1 … rounds+patience rounds, score split.val.
  const split = makeSplit({ user: base.user, time: base.time, insider: base.insider }, { ...SPLIT, seed: 1 });
  const prep = fitPrepare(base, split.train, {});
  const all = { x: applyPrepare(prep, base), n: base.n, f: prep.inputs.length };
  const rows = (idx: Int32Array) => ({ x: gatherRows(all, idx), n: idx.length, f: all.f });
  const y = (idx: Int32Array) => Uint8Array.from(idx, (r) => (base.insider![r]! > 0 ? 1 : 0));
  const curve: number[] = [];
  for (let r = 1; r <= es.rounds + PARAMS.early_stopping_rounds; r++) {
    const d = new XGBoostDetector('xgboost', { ...PARAMS, early_stopping_rounds: 0, rounds: r });
    d.fit(rows(split.train), y(split.train), { seed: 1 });
    curve.push(averagePrecision(d.score(rows(split.val)), y(split.val)));
    d.dispose();
  }
  const best = Math.max(...curve);
  assert.equal(curve.indexOf(best) + 1, es.rounds);
  assert.ok(Math.abs(best - es.validationPrAuc) < 1e-9, `validation PR-AUC ${es.validationPrAuc} vs ${best}`);
});

test('runBaselines: scrambling the test rows leaves the stopping point; scrambling the validation rows moves it', async () => {
  const split = makeSplit({ user: base.user, time: base.time, insider: base.insider }, { ...SPLIT, seed: 1 });
  const es = await stopping(base);
  assert.deepEqual(await stopping(scramble(base, split.test, 1)), es);
  assert.notDeepEqual(await stopping(scramble(base, split.val, 1)), es);
});

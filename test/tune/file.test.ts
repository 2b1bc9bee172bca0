// The tuned-params file: what runTune writes reads back unchanged (NaN scores included),
// its winner sets the method's spec, and a file whose winner was edited (not a trial, not
// the best one, or outside the space) is refused, since the contest runs what it says.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toyMatrix } from '../train/helpers.js';
import { runTune } from '../../src/tune/run.js';
import { readTunedFile, tunedSpec, writeTunedFile, type TunedFile } from '../../src/tune/file.js';
import { resolveMethod } from '../../src/contest/methods.js';

const dir = mkdtempSync(join(tmpdir(), 'reslab-tuned-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const world = { name: 'toy', key: 'file-toy', features: '/nowhere/toy.parquet' };
const tuned = await runTune({ method: 'logistic', trials: 4, seed: 2, matrix: toyMatrix({ users: 40, days: 40, insiders: 16, signal: 0.4 }), world });

test('runTune: the budget, trial 0 at the defaults, and the winner the best trial', () => {
  assert.equal(tuned.trials.length, 4);
  assert.deepEqual(tuned.trials[0]!.params, {});
  assert.equal(tuned.winner.valPrAuc, Math.max(...tuned.trials.map((t) => t.valPrAuc)));
  assert.deepEqual(tuned.space, { l2: tuned.space.l2, lr: tuned.space.lr });
});

test('the file round-trips, NaN scores included, and its winner sets the spec', () => {
  const path = join(dir, 'a.json');
  writeTunedFile(path, tuned);
  assert.deepEqual(readTunedFile(path), tuned);
  const withNaN: TunedFile = { ...tuned, trials: tuned.trials.map((t, i) => (i === (tuned.winner.trial === 1 ? 2 : 1) ? { ...t, valPrAuc: NaN } : t)) };
  writeTunedFile(path, withNaN);
  assert.deepEqual(readTunedFile(path), withNaN);
  const spec = tunedSpec(tuned);
  assert.deepEqual(spec, { ...resolveMethod('logistic'), ...(tuned.winner.trial ? { params: tuned.winner.params } : {}) });
});

test('an edited winner is refused', () => {
  const path = join(dir, 'b.json');
  const edit = (f: (t: TunedFile) => void) => {
    const t = structuredClone(tuned);
    f(t);
    writeFileSync(path, JSON.stringify(t));
    return () => readTunedFile(path);
  };
  const loser = tuned.trials.find((t) => t.trial !== tuned.winner.trial && t.valPrAuc < tuned.winner.valPrAuc)!;
  assert.throws(edit((t) => { t.winner = { ...loser }; }), /not the best trial/);
  assert.throws(edit((t) => { t.winner.params = { l2: 0.123456 }; }), /not one of its trials/);
  assert.throws(edit((t) => { t.trials[t.winner.trial]!.params = { l2: 50 }; t.winner.params = { l2: 50 }; }), /outside logistic's search space/);
  assert.throws(edit((t) => { t.method = 'nope'; }), /unknown method/);
  assert.throws(edit((t) => { t.kind = 'other' as TunedFile['kind']; }), /kind/);
  JSON.parse(readFileSync(path, 'utf8'));
});

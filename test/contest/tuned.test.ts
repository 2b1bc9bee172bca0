// The contest at tuned settings: a tuned-params file read back from disk sets its
// method's cells (their config.json holds the winner's params), the tables name the
// method as tuned with its trials (and the report reads that back), a file with other
// settings reruns only that method's cells, and a file tuned on one of the contest's own
// worlds is refused.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runContest } from '../../src/contest/run.js';
import { loadContest } from '../../src/report/index.js';
import { parseSuite } from '../../src/contest/suite.js';
import { ensureWorldFeatures } from '../../src/contest/world.js';
import { readTunedFile, SELECTION, TUNED_KIND, TUNED_VERSION, writeTunedFile, type TunedFile } from '../../src/tune/file.js';
import { spaceFor } from '../../src/tune/spaces.js';
import { resolveMethod } from '../../src/contest/methods.js';
import type { Params } from '../../src/tune/space.js';

const dir = mkdtempSync(join(tmpdir(), 'reslab-contest-tuned-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const suite = parseSuite({ name: 't', worlds: [{ name: 'small', release: 'r4.2', users: 60, start: '2010-01-04', days: 40, insiders: 14, scenarios: [1, 2], intensity: 1, seed: 11 }] }, join(dir, 'suite.json'));
const base = { suite, methods: ['logistic', 'zscore'], seeds: [1], out: join(dir, 'out'), worldsCache: join(dir, 'worlds') };

/** A file as `reslab tune` writes it, with the given winner, tuned on `world`; written and read back. */
function tunedFile(name: string, params: Params, world: TunedFile['world'] = { name: 'elsewhere', key: 'file-elsewhere', features: '/elsewhere/day.parquet' }): TunedFile {
  const f: TunedFile = {
    kind: TUNED_KIND, version: TUNED_VERSION, method: 'logistic', budget: 2, seed: 1, world, split: { kind: 'le2020', trainUsers: 0.6, seed: 1 }, selection: SELECTION,
    space: spaceFor(resolveMethod('logistic'))!,
    trials: [{ trial: 0, params: {}, valPrAuc: 0.2, seconds: 1 }, { trial: 1, params, valPrAuc: 0.3, seconds: 1 }],
    winner: { trial: 1, params, valPrAuc: 0.3 },
  };
  writeTunedFile(join(dir, name), f);
  return readTunedFile(join(dir, name));
}

test('tuned settings reach the cells and the tables; other settings rerun only that method\'s cells', async () => {
  const a = tunedFile('a.json', { l2: 0.01, lr: 0.02 });
  const first = await runContest({ ...base, tuned: [a] });
  assert.deepEqual(first.cells, { ran: 2, cached: 0 });
  assert.deepEqual(first.tuning, { logistic: { trials: 2, world: 'elsewhere', winnerTrial: 1, valPrAuc: 0.3, params: { l2: 0.01, lr: 0.02 } } });
  const config = JSON.parse(readFileSync(join(base.out, 'worlds', 'small', 'logistic', 'logistic', 'seed-1', 'config.json'), 'utf8'));
  assert.deepEqual(config.detectorParams, { l2: 0.01, lr: 0.02 });
  const md = readFileSync(join(base.out, 'contest.md'), 'utf8');
  assert.match(md, /\| logistic \(tuned: 2 trials on elsewhere\) \|/);
  assert.match(md, /\| zscore \|/);
  assert.deepEqual(loadContest(base.out).tuning, first.tuning, 'the report reads the tuning back');

  const again = await runContest({ ...base, tuned: [a] });
  assert.deepEqual(again.cells, { ran: 0, cached: 2 });

  const b = tunedFile('b.json', { l2: 0.5, lr: 0.01 });
  const other = await runContest({ ...base, tuned: [b] });
  assert.deepEqual(other.cells, { ran: 1, cached: 1 });
  const row = (c: typeof first, m: string) => c.perWorld.find((r) => r.method === m)!;
  assert.deepEqual(row(other, 'zscore'), row(first, 'zscore'));
  assert.notDeepEqual(row(other, 'logistic').prAuc, row(first, 'logistic').prAuc);

  // Untuned again: logistic at its defaults is yet another spec.
  const plain = await runContest(base);
  assert.deepEqual(plain.cells, { ran: 1, cached: 1 });
  assert.equal(plain.tuning, undefined);
});

test('a file tuned on one of the contest\'s worlds, or for a method not run, is refused', async () => {
  const w = await ensureWorldFeatures(suite.worlds[0]!, base.worldsCache);
  const own = tunedFile('own.json', { l2: 0.01, lr: 0.02 }, { name: 'small', key: w.key, features: resolve(w.features) });
  await assert.rejects(runContest({ ...base, out: join(dir, 'out2'), tuned: [own] }), /tuned on small, which is the contest's world 'small'/);
  await assert.rejects(runContest({ ...base, methods: ['zscore'], out: join(dir, 'out3'), tuned: [tunedFile('c.json', { l2: 0.01, lr: 0.02 })] }), /not among the methods/);
});

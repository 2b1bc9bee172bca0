// Resumable extraction: a run that fails at stage N leaves stages < N in the work
// directory; the rerun restores exactly those, scans the rest, gives the same table as
// an uninterrupted run, and removes the work directory once its outputs are in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { extractFeatures, type Granularity, type StageEvent } from '../../src/data/cert/index.js';
import { workDirFor } from '../../src/data/cert/extract.js';
import { FIXTURES, readRows, scratchDir } from './helpers.js';

const sorted = async (p: string) => (await readRows(p)).map((r) => JSON.stringify(r)).sort();

for (const [release, granularity] of [['r5.2', 'day'], ['r6.2', 'session']] as [string, Granularity][]) {
  test(`${release} ${granularity}: a rerun after a failure at the email stage reuses logon, device and file`, async () => {
    const s = scratchDir();
    try {
      const clean = join(s.dir, 'clean.parquet');
      await extractFeatures({ data: join(FIXTURES, release), granularity, out: clean, quiet: true, resume: false });

      const out = join(s.dir, 'out.parquet');
      const work = workDirFor(out);
      const fail = (e: StageEvent) => {
        if (e.stage === 'email' && e.status === 'start') throw new Error('injected failure');
      };
      await assert.rejects(extractFeatures({ data: join(FIXTURES, release), granularity, out, quiet: true, onStage: fail }), /injected failure/);
      assert.equal(existsSync(out), false);
      assert.deepEqual(readdirSync(work).filter((f) => f.endsWith('.done.json')).sort(), ['device.done.json', 'file.done.json', 'logon.done.json']);

      const seen: StageEvent[] = [];
      const sum = await extractFeatures({ data: join(FIXTURES, release), granularity, out, quiet: true, onStage: (e) => seen.push(e) });
      assert.deepEqual(sum.reusedStages, ['logon', 'device', 'file']);
      assert.deepEqual(seen.filter((e) => e.status !== 'done').map((e) => `${e.stage}:${e.status}`), ['logon:reused', 'device:reused', 'file:reused', 'email:start', 'http:start']);
      assert.deepEqual(sum.events, { logon: 37, device: 2, file: 2, email: 2, http: 5 });
      assert.deepEqual(await sorted(out), await sorted(clean));
      assert.equal(existsSync(work), false, 'work directory removed after success');
    } finally {
      s.done();
    }
  });
}

test('a changed input invalidates only its own stage', async () => {
  const s = scratchDir();
  try {
    const data = join(s.dir, 'r5.2');
    cpSync(join(FIXTURES, 'r5.2'), data, { recursive: true });
    const out = join(s.dir, 'out.parquet');
    const failAtHttp = (e: StageEvent) => {
      if (e.stage === 'http' && e.status === 'start') throw new Error('stop');
    };
    await assert.rejects(extractFeatures({ data, granularity: 'week', out, quiet: true, onStage: failAtHttp }), /stop/);
    // Touch file.csv: same bytes, new mtime — its stage must be recomputed.
    const t = new Date(Date.now() + 5000);
    utimesSync(join(data, 'file.csv'), t, t);
    const sum = await extractFeatures({ data, granularity: 'week', out, quiet: true });
    assert.deepEqual(sum.reusedStages, ['logon', 'device', 'email']);
    // Another granularity never reuses the stage tables of this one (their SQL differs).
    await assert.rejects(extractFeatures({ data, granularity: 'week', out, quiet: true, onStage: failAtHttp }), /stop/);
    const day = await extractFeatures({ data, granularity: 'day', out, quiet: true });
    assert.deepEqual(day.reusedStages, ['logon', 'device']);
  } finally {
    s.done();
  }
});

test('a run killed outright (SIGKILL after the file stage) resumes, and its temp outputs and spill folder are removed', async () => {
  const s = scratchDir();
  try {
    const data = join(FIXTURES, 'r5.2');
    const out = join(s.dir, 'out.parquet');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'killedRun.ts'), data, out, 'day', 'file'], { encoding: 'utf8' });
    assert.equal(r.signal, 'SIGKILL', r.stderr);
    const temps = () => readdirSync(s.dir).filter((f) => f.startsWith('.out.parquet.tmp-'));
    assert.ok(temps().some((f) => f.endsWith('.spill')), `the killed run left its spill folder: ${readdirSync(s.dir).join(', ')}`);
    assert.equal(existsSync(out), false);

    const sum = await extractFeatures({ data, granularity: 'day', out, quiet: true });
    assert.deepEqual(sum.reusedStages, ['logon', 'device', 'file']);
    assert.deepEqual(temps(), []);
    const clean = join(s.dir, 'clean.parquet');
    await extractFeatures({ data, granularity: 'day', out: clean, quiet: true, resume: false });
    assert.deepEqual(await sorted(out), await sorted(clean));
  } finally {
    s.done();
  }
});

// Daily scoring: replaying the last days one morning at a time (the logs cut at each day)
// gives the same scores as scoring the whole period at once; a day already scored, or a
// scored day whose logs changed afterwards, is refused by name and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFeatures } from '../../src/data/cert/index.js';
import { generate } from '../../src/data/synth/index.js';
import { runDetection, withDefaults } from '../../src/train/run.js';
import { scoreFeatures } from '../../src/train/score.js';
import { scoreNewDays } from '../../src/train/daily.js';
import { cutRelease, readRows, scratchDir } from '../cert/helpers.js';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const mdy = (day: string) => `${day.slice(5, 7)}/${day.slice(8, 10)}/${day.slice(0, 4)}`;

test('replaying the last days one at a time scores every user-day as scoring them at once; repeats and late logs are refused and change nothing', { timeout: 300_000 }, async () => {
  const s = scratchDir();
  try {
    const full = join(s.dir, 'full');
    await generate({ release: 'r5.2', users: 30, start: '2010-01-04', days: 40, insiders: 4, scenarios: [1, 2], seed: 5, quiet: true, out: full });
    const features = join(s.dir, 'day.parquet');
    await extractFeatures({ data: full, granularity: 'day', out: features, quiet: true });
    const runDir = join(s.dir, 'run');
    // User deviation inputs: the score of a day reads the user's earlier days, kept in the state.
    await runDetection(withDefaults({ features, model: 'detect_mlp_resnet', layout: 'flat', prepare: { deviation: ['user'] }, split: { kind: 'user' }, epochs: 2, seed: 1 }), runDir, { quiet: true });
    const once = join(s.dir, 'once.parquet');
    await scoreFeatures(runDir, features, once, 5);
    const want = new Map((await readRows(once)).map((r) => [`${r.user} ${iso(r.day)}`, Number(r.score)]));

    const days = [...new Set([...want.keys()].map((k) => k.split(' ')[1]!))].sort().slice(-4);
    const state = join(s.dir, 'state');
    for (const day of days) {
      const logs = join(s.dir, `logs-${day}`);
      cutRelease(full, logs, day);
      const r = await scoreNewDays({ run: runDir, data: logs, state, top: 3 });
      assert.deepEqual(r.days.at(-1), day);
    }
    const alerts = await readRows(join(state, 'alerts.parquet'));
    const got = new Map(alerts.map((r) => [`${r.user} ${iso(r.day)}`, Number(r.score)]));
    const upTo = [...want.keys()].filter((k) => k.split(' ')[1]! <= days.at(-1)!);
    assert.equal(got.size, upTo.length, 'every user-day up to the last morning is scored once');
    for (const k of upTo) assert.ok(Math.abs(got.get(k)! - want.get(k)!) < 1e-5, `${k}: ${got.get(k)} day by day, ${want.get(k)} at once`);
    // Reasons for the top 3 of each day, ranks from 1 within each day.
    for (const day of days) {
      const rows = alerts.filter((r) => iso(r.day) === day).sort((a, b) => Number(a.rank) - Number(b.rank));
      assert.deepEqual(rows.map((r) => Number(r.rank)), rows.map((_, i) => i + 1));
      assert.ok(rows.slice(0, 3).every((r) => /^(logon|device|file|email|http|context) [+-]\d/.test(String(r.reasons))), JSON.stringify(rows.slice(0, 3)));
    }

    const before = readFileSync(join(state, 'alerts.parquet'));
    const again = join(s.dir, `logs-${days.at(-1)}`);
    await assert.rejects(scoreNewDays({ run: runDir, data: again, state }), new RegExp(`no day after ${days.at(-1)}, the last one scored; nothing changed`));
    // A line of an already scored day arrives late.
    appendFileSync(join(again, 'logon.csv'), `{LATE-1},${mdy(days[1]!)} 12:00:00,ZZZ9999,PC-9999,Logon\n`);
    await assert.rejects(scoreNewDays({ run: runDir, data: again, state }), new RegExp(`the logs of ${days[1]}, already scored, changed`));
    assert.deepEqual(readFileSync(join(state, 'alerts.parquet')), before, 'refused mornings leave the alerts as they were');
  } finally {
    s.done();
  }
});

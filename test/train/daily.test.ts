// Daily scoring: replaying the last days one morning at a time (the logs cut at each day)
// gives the same scores as scoring the whole period at once, for a run whose inputs read
// the user's previous days (deviation) and one that reads their previous rows (history),
// while later mornings read only the appended lines of the big logs; a day already scored,
// a scored day whose logs changed afterwards, and logs whose already-read part was
// rewritten are refused by name and change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFeatures } from '../../src/data/cert/index.js';
import { generate } from '../../src/data/synth/index.js';
import { runDetection, withDefaults } from '../../src/train/run.js';
import { scoreFeatures } from '../../src/train/score.js';
import { scoreNewDays } from '../../src/train/daily.js';
import { cutRelease, readRows, scratchDir } from '../cert/helpers.js';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const mdy = (day: string) => `${day.slice(5, 7)}/${day.slice(8, 10)}/${day.slice(0, 4)}`;

test('replaying the last days one at a time scores every user-day as scoring them at once, reading only the appended lines; repeats, late lines and rewritten logs are refused and change nothing', { timeout: 300_000 }, async () => {
  const s = scratchDir();
  try {
    const full = join(s.dir, 'full');
    await generate({ release: 'r5.2', users: 30, start: '2010-01-04', days: 40, insiders: 4, scenarios: [1, 2], seed: 5, quiet: true, out: full });
    const features = join(s.dir, 'day.parquet');
    await extractFeatures({ data: full, granularity: 'day', out: features, quiet: true });
    // User deviation inputs read the user's earlier days; the history layout their earlier rows.
    const runs = {
      deviation: withDefaults({ features, model: 'detect_mlp_resnet', layout: 'flat', prepare: { deviation: ['user'] }, split: { kind: 'user' }, epochs: 2, seed: 1 }),
      history: withDefaults({ features, model: 'detect_history_resnet', layout: 'history', layoutOptions: { days: 6 }, prepare: { deviation: ['user'] }, split: { kind: 'user' }, epochs: 1, seed: 1 }),
    };
    const days: string[] = [];
    let runDir = '', state = '';
    for (const [name, cfg] of Object.entries(runs)) {
      runDir = join(s.dir, `run-${name}`);
      await runDetection(cfg, runDir, { quiet: true });
      const once = join(s.dir, `once-${name}.parquet`);
      await scoreFeatures(runDir, features, once, 5);
      const want = new Map((await readRows(once)).map((r) => [`${r.user} ${iso(r.day)}`, Number(r.score)]));

      days.splice(0, days.length, ...[...new Set([...want.keys()].map((k) => k.split(' ')[1]!))].sort().slice(-4));
      state = join(s.dir, `state-${name}`);
      for (const [i, day] of days.entries()) {
        const logs = join(s.dir, `logs-${day}`);
        cutRelease(full, logs, day);
        const r = await scoreNewDays({ run: runDir, data: logs, state, top: 3 });
        assert.deepEqual(r.days.at(-1), day);
        const total = ['logon', 'device', 'file', 'email', 'http'].reduce((t, l) => t + statSync(join(logs, `${l}.csv`)).size, 0);
        if (i > 0) assert.ok(r.bytesRead < 0.5 * total, `${name} ${day}: a later morning read ${r.bytesRead} of ${total} bytes`);
      }
      const alerts = await readRows(join(state, 'alerts.parquet'));
      const got = new Map(alerts.map((r) => [`${r.user} ${iso(r.day)}`, Number(r.score)]));
      const upTo = [...want.keys()].filter((k) => k.split(' ')[1]! <= days.at(-1)!);
      assert.equal(got.size, upTo.length, `${name}: every user-day up to the last morning is scored once`);
      for (const k of upTo) assert.ok(Math.abs(got.get(k)! - want.get(k)!) < 1e-5, `${name} ${k}: ${got.get(k)} day by day, ${want.get(k)} at once`);
      // Reasons for the top 3 of each day, ranks from 1 within each day.
      for (const day of days) {
        const rows = alerts.filter((r) => iso(r.day) === day).sort((a, b) => Number(a.rank) - Number(b.rank));
        assert.deepEqual(rows.map((r) => Number(r.rank)), rows.map((_, i) => i + 1));
        assert.ok(rows.slice(0, 3).every((r) => /^(logon|device|file|email|http|context) [+-]\d/.test(String(r.reasons))), JSON.stringify(rows.slice(0, 3)));
      }
    }

    const before = readFileSync(join(state, 'alerts.parquet'));
    const again = join(s.dir, `logs-${days.at(-1)}`);
    await assert.rejects(scoreNewDays({ run: runDir, data: again, state }), new RegExp(`no day after ${days.at(-1)}, the last one scored; nothing changed`));
    // A line of an already scored day arrives late.
    appendFileSync(join(again, 'logon.csv'), `{LATE-1},${mdy(days[1]!)} 12:00:00,ZZZ9999,PC-9999,Logon\n`);
    await assert.rejects(scoreNewDays({ run: runDir, data: again, state }), new RegExp(`the logs of ${days[1]}, already scored, changed`));
    // The next day's logs, but with a line of an already read part rewritten.
    const next = join(s.dir, 'logs-next');
    cutRelease(full, next, '2099-12-31');
    const http = join(next, 'http.csv');
    const text = readFileSync(http, 'utf8');
    const second = text.indexOf('\n') + 1;
    writeFileSync(http, text.slice(0, second) + text.slice(second).replace(/^\{([^,]*)\}/, (_, id: string) => `{${'X'.repeat(id.length)}}`));
    await assert.rejects(scoreNewDays({ run: runDir, data: next, state }), /http\.csv: the lines before byte \d+, already read, are not the same any more: the logs may only grow; nothing changed/);
    assert.deepEqual(readFileSync(join(state, 'alerts.parquet')), before, 'refused mornings leave the alerts as they were');
  } finally {
    s.done();
  }
});

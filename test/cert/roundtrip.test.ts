// The generator and the reader share one format definition (src/data/format): a tiny
// r4.2, r5.2 and r6.2 dataset is generated and read back, and every column, every event
// and every answer row is accounted for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFeatures } from '../../src/data/cert/index.js';
import { detectLayout } from '../../src/data/cert/releases.js';
import { ANSWERS_DIR, answerFilePath, BIG5, familyOf, INSIDERS_COLUMNS, INSIDERS_FILE, LDAP_COLUMNS, LDAP_DIR, LOG_COLUMNS, LOGS, logFileName, PSYCHOMETRIC_COLUMNS, PSYCHOMETRIC_FILE } from '../../src/data/format/index.js';
import { generate, type Release } from '../../src/data/synth/index.js';
import { readCsv, splitCsv } from '../synth/helpers.js';
import { readRows, scratchDir } from './helpers.js';

const SCENARIOS: Record<Release, number[]> = { 'r4.2': [1, 2, 3], 'r5.2': [1, 2, 3, 4, 5], 'r6.2': [1, 2, 3, 4, 5] };

/** 'MM/DD/YYYY …' → 'YYYY-MM-DD' */
const isoDay = (d: string) => `${d.slice(6, 10)}-${d.slice(0, 2)}-${d.slice(3, 5)}`;

for (const release of ['r4.2', 'r5.2', 'r6.2'] as const) {
  test(`${release}: generated data reads back with every column, event and answer row accounted for`, async () => {
    const s = scratchDir();
    try {
      const data = join(s.dir, release);
      const gen = await generate({ release, users: 24, start: '2010-03-01', days: 35, insiders: SCENARIOS[release].length, scenarios: SCENARIOS[release], seed: 5, quiet: true, out: data });
      const family = familyOf(release);

      // Columns: every file's header is the format's, and the reader recognises the family.
      const layout = detectLayout(data);
      assert.equal(layout.family, family);
      for (const log of LOGS) assert.deepEqual(layout.headers[log], [...LOG_COLUMNS[log][family]], log);
      for (const f of readdirSync(join(data, LDAP_DIR))) assert.equal(readCsv(join(data, LDAP_DIR, f)).header, LDAP_COLUMNS[family].join(','), f);
      assert.equal(readCsv(join(data, PSYCHOMETRIC_FILE)).header, PSYCHOMETRIC_COLUMNS.join(','));
      const index = readCsv(join(data, ANSWERS_DIR, INSIDERS_FILE));
      assert.equal(index.header, INSIDERS_COLUMNS.join(','));

      const out = join(s.dir, 'day.parquet');
      const sum = await extractFeatures({ data, granularity: 'day', out, quiet: true });
      assert.equal(sum.release, release);
      assert.equal(sum.labelled, true);
      assert.deepEqual(sum.warnings, []);
      // Events: every generated row is read, none rejected.
      for (const log of LOGS) {
        assert.equal(sum.events[log], gen.rows[logFileName(log)], `${log} events`);
        assert.equal(sum.rejects[log]!.count, 0, `${log} rejects`);
      }
      const rows = await readRows(out);
      assert.equal(new Set(rows.map((r) => r.user)).size, sum.users);
      // Context: every row has its LDAP fields and Big-5 scores.
      for (const r of rows) {
        assert.ok((r.context_index_role as number) >= 0, `role of ${r.user}`);
        // Every LDAP org column becomes a context column (top managers may leave units empty: −1).
        for (const f of ['business_unit', 'functional_unit', 'department', 'team']) assert.equal(typeof r[`context_index_${f}`], 'number', `${f} of ${r.user}`);
        assert.equal(`context_index_projects` in r, family !== 'r4');
        for (const b of BIG5) assert.equal(typeof r[`context_value_${b}`], 'number', `${b} of ${r.user}`);
      }

      // Answers: every insider of insiders.csv is labelled with its scenario on exactly the
      // days of its own malicious events, and the day counts add up to its answer lines.
      assert.equal(index.rows.length, gen.insiders.length);
      assert.equal(sum.insiderUsers, index.rows.length);
      for (const row of index.rows) {
        const [dataset, scenario, details, user] = row as [string, string, string, string];
        assert.equal(dataset, release.slice(1));
        const lines = readFileSync(join(data, ANSWERS_DIR, answerFilePath(release, Number(scenario), details)), 'latin1').trimEnd().split('\n').map(splitCsv);
        // As in the anchor, only the insider's own events count (scenario 3 also acts as the supervisor).
        const own = lines.filter((f) => f[3] === user);
        const perDay = new Map<string, number>();
        for (const f of own) perDay.set(isoDay(f[2]!), (perDay.get(isoDay(f[2]!)) ?? 0) + 1);
        const labelled = rows.filter((r) => r.user === user && (r.malicious_events as number) > 0);
        assert.equal(labelled.length, perDay.size, `${user}: malicious days`);
        for (const r of labelled) {
          assert.equal(r.insider, Number(scenario), `${user} ${r.day}: scenario`);
          assert.equal(r.malicious_events, perDay.get(r.day as string), `${user} ${r.day}: malicious events`);
        }
      }
      // Nobody else is labelled.
      const insiders = new Set(index.rows.map((row) => row[3]));
      assert.ok(rows.every((r) => insiders.has(r.user as string) || (r.insider === 0 && r.malicious_events === 0)));
      assert.equal(sum.insiderRows, index.rows.reduce((n, row) => n + rows.filter((r) => r.user === row[3] && (r.malicious_events as number) > 0).length, 0));
    } finally {
      s.done();
    }
  });
}

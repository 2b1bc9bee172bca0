// The edge file of a generated r6.2 release (quoted fields, View mails, many hosts)
// equals a count made straight from its CSV files in plain JS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFeatures } from '../../src/data/cert/index.js';
import { edgesPathFor } from '../../src/data/cert/edges.js';
import { generate } from '../../src/data/synth/index.js';
import { readRows, scratchDir } from './helpers.js';
import { splitCsv, TINY } from '../synth/helpers.js';

const line = (r: Record<string, unknown>) => `${r.kind} ${r.day} ${r.user} ${r.target} ${r.count}`;

/** MM/DD/YYYY … → YYYY-MM-DD */
const isoDay = (d: string) => `${d.slice(6, 10)}-${d.slice(0, 2)}-${d.slice(3, 5)}`;

function csvRows(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  const cols = splitCsv(head!);
  return lines.map((l) => Object.fromEntries(splitCsv(l).map((v, i) => [cols[i]!, v])));
}

test('a generated r6.2 release: the edge file equals a count made straight from the CSV files', async () => {
  const s = scratchDir();
  try {
    const data = join(s.dir, 'data');
    await generate({ ...TINY, release: 'r6.2', users: 20, days: 21, insiders: 2, scenarios: [1, 2], out: data });
    const out = join(s.dir, 'day.parquet');
    const sum = await extractFeatures({ data, granularity: 'day', out, quiet: true, edges: true });

    const byAddr = new Map<string, string>();
    for (const f of readdirSync(join(data, 'LDAP'))) {
      for (const r of csvRows(join(data, 'LDAP', f))) {
        const a = r.email!.trim().toLowerCase();
        if (!byAddr.has(a) || r.user_id! < byAddr.get(a)!) byAddr.set(a, r.user_id!);
      }
    }
    const want = new Map<string, number>();
    const add = (k: string) => want.set(k, (want.get(k) ?? 0) + 1);
    let external = 0;
    for (const r of csvRows(join(data, 'logon.csv'))) if (r.activity === 'Logon') add(`pc ${isoDay(r.date!)} ${r.user} ${r.pc}`);
    for (const r of csvRows(join(data, 'email.csv'))) {
      const addrs = new Set([r.to, r.cc, r.bcc, r.from].join(';').toLowerCase().split(';').map((a) => a.trim()).filter((a) => a));
      for (const a of addrs) {
        const u = byAddr.get(a);
        if (u === undefined) external++;
        else if (u !== r.user) add(`email ${isoDay(r.date!)} ${r.user} ${u}`);
      }
    }
    for (const r of csvRows(join(data, 'http.csv'))) add(`web ${isoDay(r.date!)} ${r.user} ${new URL(r.url!).host.toLowerCase().replace(/^www\./, '')}`);

    const got = await readRows(edgesPathFor(out));
    assert.equal(got.length, want.size);
    for (const r of got) assert.equal(r.count, want.get(`${r.kind} ${r.day} ${r.user} ${r.target}`), line(r));
    assert.ok(sum.edges!.rows.email > 0 && sum.edges!.rows.web > 0 && sum.edges!.rows.pc > 0);
    assert.equal(sum.edges!.emailExternal + sum.edges!.emailUnknownInternal, external);
    assert.ok(external > 0, 'the generator writes to outsiders');
  } finally {
    s.done();
  }
});

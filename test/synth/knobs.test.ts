// The harder-world knobs on a tiny world: each changes the logs the way docs/generator.md
// says and nothing else; answers/ keeps the same insiders (look-alikes stay unlabelled);
// unset knobs leave every byte as it was; worker count still does not matter.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { run } from '../../src/cli/commands/generate.js';
import { UsageError } from '../../src/cli/args.js';
import { readCsv, tempDir, tiny } from './helpers.js';

const BASE = { users: 60, days: 90, insiders: 6, seed: 11 };
const base = await tiny(BASE);
const at = (dir: string, f: string) => readFileSync(join(dir, f), 'latin1');
const day = (date: string) => date.slice(0, 10);

function files(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p);
    }
  };
  walk(dir);
  return out;
}

function digest(dir: string): string {
  const h = createHash('sha256');
  for (const [f, b] of Object.entries(files(dir))) h.update(f + '\0').update(b);
  return h.digest('hex');
}

/** Rows of a log by user and day. */
function byUserDay(dir: string, log: string): Map<string, string[][]> {
  const m = new Map<string, string[][]>();
  for (const r of readCsv(join(dir, `${log}.csv`)).rows) {
    const k = `${r[2]}|${day(r[1]!)}`;
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

test('unset knobs, or knobs set to their defaults, give the bytes of before the knobs existed', async () => {
  // Pinned from the generator as it was before the knobs; change it only with GENERATOR_VERSION.
  assert.equal(digest(base.dir), 'a5085379090a3f6948e24281a28cb3b29a972bd52db9828538e11d38700fa29a');
  const zero = await tiny({ ...BASE, lookalikes: 0, drift: 0, sparse: 0, layoffCap: 1 });
  assert.equal(digest(zero.dir), digest(base.dir));
  assert.equal(zero.s.world, undefined);
});

test('look-alikes do their one scenario-like thing, stay, and are not in answers/', async () => {
  const { dir, s } = await tiny({ ...BASE, lookalikes: 8 });
  const looks = s.world!.lookalikes;
  assert.equal(looks.length, 8);
  assert.equal(at(dir, 'answers/insiders.csv'), at(base.dir, 'answers/insiders.csv'));
  const insiders = new Set(s.insiders.map((i) => i.user));
  const lastLdap = readdirSync(join(dir, 'LDAP')).sort().pop()!;
  const staff = at(dir, `LDAP/${lastLdap}`);
  const kinds = new Set<string>();
  for (const l of looks) {
    assert.ok(!insiders.has(l.user), `${l.user} is labelled`);
    assert.ok(staff.includes(`,${l.user},`), `${l.user} left`);
    kinds.add(l.kind);
  }
  // The rows on each look-alike's first day: more of the kind's tell-tale rows than the same user-day had before.
  const count = (d: string, log: string, l: (typeof looks)[number], hit: (r: string[]) => boolean) =>
    (byUserDay(d, log).get(`${l.user}|${l.first}`) ?? []).filter(hit).length;
  const tell: Record<string, [string, (r: string[]) => boolean]> = {
    drive: ['device', (r) => r.includes('Connect')],
    jobs: ['http', (r) => /monster|careerbuilder|indeed|simplyhired|jobhunters|job-hunt|hotjobs|craigslist|usajobs/.test(r[4]!)],
    cloud: ['http', (r) => r[4]!.includes('dropbox.com')],
    night: ['logon', (r) => { const h = Number(r[1]!.slice(11, 13)); return h >= 20 || h < 4; }],
  };
  for (const l of looks) {
    const [log, hit] = tell[l.kind]!;
    assert.ok(count(dir, log, l, hit) > count(base.dir, log, l, hit), `${l.user} (${l.kind}) on ${l.first}`);
  }
  assert.ok(kinds.size >= 2, `kinds: ${[...kinds]}`);
});

test('drift changes a user only from its day on: new PC, role in LDAP, or habits', async () => {
  const { dir, s } = await tiny({ ...BASE, drift: 0.5 });
  const drifts = s.world!.drift;
  assert.ok(drifts.length >= 20, `${drifts.length} drifting users`);
  assert.equal(at(dir, 'answers/insiders.csv'), at(base.dir, 'answers/insiders.csv'));
  const a = byUserDay(base.dir, 'logon');
  const b = byUserDay(dir, 'logon');
  const basePcs = new Set(readCsv(join(base.dir, 'logon.csv')).rows.map((r) => r[3]));
  const ms = (d: string) => Date.UTC(+d.slice(6, 10), +d.slice(0, 2) - 1, +d.slice(3, 5));
  let newPcs = 0;
  let changedAfter = 0;
  for (const d of drifts) {
    for (const [k, rows] of b) {
      const [user, date] = k.split('|') as [string, string];
      if (user !== d.user) continue;
      const before = ms(date) < ms(d.from);
      if (before) assert.deepEqual(rows, a.get(k), `${k} changed before the drift`);
      else if (JSON.stringify(rows) !== JSON.stringify(a.get(k))) changedAfter++;
      if (!before && d.changes.includes('pc') && rows.some((r) => !basePcs.has(r[3]))) newPcs++;
    }
  }
  assert.ok(changedAfter > 0);
  if (drifts.some((d) => d.changes.includes('pc'))) assert.ok(newPcs > 0, 'no logon on a new PC');
  const recast = drifts.filter((d) => d.changes.includes('role'));
  assert.ok(recast.length > 0);
  const ldap = readdirSync(join(dir, 'LDAP')).sort();
  const roleOf = (f: string, user: string) => readCsv(join(dir, 'LDAP', f)).rows.find((r) => r[1] === user)?.[3];
  const moved = recast.filter((d) => roleOf(ldap[0]!, d.user) !== roleOf(ldap[ldap.length - 1]!, d.user));
  assert.ok(moved.length > 0, 'no role changed in LDAP');
});

test('sparse logging removes device/file rows of the chosen PCs in their gaps and nothing else', async () => {
  const { dir, s } = await tiny({ ...BASE, sparse: 0.4 });
  const gaps = s.world!.sparse;
  assert.ok(gaps.length >= 20);
  for (const f of ['logon.csv', 'email.csv', 'http.csv', 'psychometric.csv']) assert.equal(at(dir, f), at(base.dir, f), f);
  const ms = (d: string) => Date.UTC(+d.slice(6, 10), +d.slice(0, 2) - 1, +d.slice(3, 5));
  const inGap = (log: string, r: string[]) => gaps.some((g) => g.logs.includes(log as 'device') && g.pc === r[3] && ms(r[1]!) >= ms(g.from) && ms(r[1]!) <= ms(g.to));
  for (const log of ['device', 'file']) {
    const before = readCsv(join(base.dir, `${log}.csv`)).lines;
    const after = readCsv(join(dir, `${log}.csv`)).lines;
    const expected = readCsv(join(base.dir, `${log}.csv`)).rows.filter((r) => !inGap(log, r)).length;
    assert.ok(after.length < before.length, `${log}: nothing removed`);
    assert.equal(after.length, expected, log);
    assert.equal(s.rows[`${log}.csv`], after.length);
    const kept = new Set(before);
    for (const l of after) assert.ok(kept.has(l), `${log}: a row that was not there before`);
  }
  // Same insiders and scenarios; an answer row lost in a gap is gone from the log too.
  const who = (d: string) => readCsv(join(d, 'answers/insiders.csv')).rows.map((c) => `${c[1]},${c[3]}`);
  assert.deepEqual(who(dir), who(base.dir));
});

test('the lay-off cap limits who scenario 5 removes', async () => {
  const opts = { ...BASE, users: 80, insiders: 12, scenarios: [5] };
  const free = await tiny({ ...opts, lookalikes: 1 }); // any knob, for the notes that count the laid-off
  const capped = await tiny({ ...opts, layoffCap: 0.1 });
  // Once the cap (8 of 80) is reached, each further lay-off still removes one person.
  const [f, c] = [free.s.world!.laidOff, capped.s.world!.laidOff];
  assert.ok(f > 20 && c < f && c <= 8 + 12, `uncapped ${f}, capped ${c}`);
  assert.equal(capped.s.insiders.length, 12);
});

test('with every knob set the output still does not depend on the worker count', async () => {
  const knobs = { ...BASE, release: 'r6.2' as const, days: 40, lookalikes: 5, drift: 0.3, sparse: 0.3 };
  const a = await tiny({ ...knobs, workers: 0 });
  const b = await tiny({ ...knobs, workers: 2 });
  assert.equal(digest(b.dir), digest(a.dir));
  const manifest = JSON.parse(at(a.dir, 'GENERATED.json'));
  assert.deepEqual([manifest.options.lookalikes, manifest.options.drift, manifest.options.sparse], [5, 0.3, 0.3]);
});

test('reslab generate takes the knobs as flags and rejects bad values', async () => {
  const out = join(tempDir(), 'k');
  await run(['--profile', 'small', '--out', out, '--users', '40', '--days', '30', '--insiders', '3', '--lookalikes', '2', '--drift', '0.2', '--sparse', '0.1', '--layoff-cap', '0.2', '--quiet']);
  const m = JSON.parse(at(out, 'GENERATED.json'));
  assert.deepEqual([m.options.lookalikes, m.options.drift, m.options.sparse, m.options.layoffCap], [2, 0.2, 0.1, 0.2]);
  assert.equal(m.world.lookalikes.length, 2);
  await assert.rejects(run(['--profile', 'small', '--out', out, '--drift', '2']), (e: Error) => e instanceof UsageError && /drift: expected a share in 0\.\.1/.test(e.message));
  await assert.rejects(run(['--profile', 'small', '--out', out, '--sparse', 'lots']), UsageError);
  await assert.rejects(run(['--profile', 'small', '--out', out, '--lookalikes', '50']), (e: Error) => e instanceof UsageError && /lookalikes/.test(e.message));
});

// Behavioural invariants of the logs: logoffs follow logons on the same PC, drives are
// disconnected after they connect (save the injected dirty rows, which are counted),
// answer rows are log rows, and leavers go quiet when LDAP drops them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LOGS, parseDate, readCsv, tiny } from './helpers.js';

const { dir, s } = await tiny({ users: 60, days: 60, insiders: 8, seed: 5 });
const day = (date: string) => date.slice(0, 10);

test('every logoff has an earlier logon by that user on that PC that day, except the counted dirty rows', () => {
  const logon = readCsv(join(dir, 'logon.csv'));
  const seen = new Set<string>();
  let orphans = 0;
  for (const [, date, user, pc, act] of logon.rows) {
    const key = `${user}|${pc}|${day(date!)}`;
    if (act === 'Logon') seen.add(key);
    else if (!seen.has(key)) orphans++;
  }
  assert.equal(orphans, s.dirty.missingLogons);
});

test('every connect is disconnected later on that PC that day, except the counted dirty rows', () => {
  const device = readCsv(join(dir, 'device.csv'));
  const act = device.col('activity');
  const open = new Map<string, number>();
  let early = 0;
  for (const r of device.rows) {
    const key = `${r[2]}|${r[3]}|${day(r[1]!)}`;
    const n = open.get(key) ?? 0;
    if (r[act] === 'Connect') open.set(key, n + 1);
    else if (n === 0) early++;
    else open.set(key, n - 1);
  }
  assert.equal(early, 0, 'disconnect without a connect');
  const unclosed = [...open.values()].reduce((a, b) => a + b, 0);
  assert.equal(unclosed, s.dirty.unclosedConnects);
});

test('dirty data exists but is rare', () => {
  const total = s.rows['logon.csv']!;
  assert.ok(s.dirty.missingLogons + s.dirty.unclosedConnects > 0, 'no dirty rows at all');
  assert.ok(s.dirty.missingLogons < total * 0.01);
});

test('answer files list rows that exist verbatim in the logs, and insiders.csv spans them', () => {
  const byId = LOGS.map((log) => {
    const m = new Map<string, string>();
    for (const line of readCsv(join(dir, `${log}.csv`)).lines) m.set(line.slice(0, line.indexOf(',')), line);
    return m;
  });
  const ins = readCsv(join(dir, 'answers', 'insiders.csv'));
  assert.equal(ins.rows.length, 8);
  let total = 0;
  for (const [, scenario, details, user, start, end] of ins.rows) {
    const text = readFileSync(join(dir, 'answers', `r5.2-${scenario}`, details!), 'latin1');
    const lines = text.trimEnd().split('\n');
    assert.ok(lines.length > 0);
    const times: number[] = [];
    for (const l of lines) {
      const c = l.indexOf(',');
      const log = LOGS.indexOf(l.slice(0, c) as (typeof LOGS)[number]);
      assert.ok(log >= 0, `bad log prefix in ${details}: ${l}`);
      const row = l.slice(c + 1);
      const id = row.slice(0, row.indexOf(','));
      assert.equal(byId[log]!.get(id), row, `${details}: event ${id} not found verbatim in ${LOGS[log]}.csv`);
      times.push(parseDate(row.split(',')[1]!));
    }
    assert.deepEqual(times, [...times].sort((a, b) => a - b), `${details} not in time order`);
    assert.equal(times[0], parseDate(start!));
    assert.equal(times[times.length - 1], parseDate(end!));
    const summary = s.insiders.find((i) => i.user === user)!;
    assert.equal(summary.events, lines.length);
    total += lines.length;
  }
  assert.ok(total > 0);
});

test('people dropped from an LDAP snapshot have no activity from that month on', () => {
  const months = readdirSync(join(dir, 'LDAP')).sort();
  assert.ok(months.length >= 2);
  const members = months.map((m) => new Set(readCsv(join(dir, 'LDAP', m)).rows.map((r) => r[1]!)));
  assert.equal(members[0]!.size, s.users, 'the first snapshot lists everyone');
  const goneFrom = new Map<string, number>(); // user -> epoch second of the first snapshot without them
  months.forEach((m, i) => {
    if (i === 0) return;
    const [y, mo] = m.slice(0, 7).split('-').map(Number) as [number, number];
    for (const u of members[i - 1]!) if (!members[i]!.has(u) && !goneFrom.has(u)) goneFrom.set(u, Date.UTC(y, mo - 1, 1) / 1000);
  });
  assert.ok(goneFrom.size > 0, 'nobody left during the run');
  for (const log of LOGS) {
    for (const r of readCsv(join(dir, `${log}.csv`)).rows) {
      const g = goneFrom.get(r[2]!);
      if (g !== undefined) assert.ok(parseDate(r[1]!) < g, `${r[2]} active in ${log}.csv at ${r[1]} after leaving`);
    }
  }
});

test('supervisors in LDAP are employees, and the org has an ITAdmin', () => {
  const ldap = readCsv(join(dir, 'LDAP', readdirSync(join(dir, 'LDAP')).sort()[0]!));
  const names = new Set(ldap.rows.map((r) => r[0]!));
  const sup = ldap.col('supervisor');
  const role = ldap.col('role');
  let top = 0;
  for (const r of ldap.rows) {
    if (r[sup] === '') top++;
    else assert.ok(names.has(r[sup]!), `unknown supervisor ${r[sup]}`);
  }
  assert.equal(top, 1, 'exactly one person without a supervisor');
  assert.ok(ldap.rows.some((r) => r[role] === 'ITAdmin'));
});

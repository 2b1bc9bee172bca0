// Each scenario leaves its signature in the answers, insiders behave normally before,
// and benign users also do the things insiders do (so they are not trivially separable).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDate, readCsv, splitCsv, tiny } from './helpers.js';

const { dir, s } = await tiny({ users: 80, days: 90, insiders: 10, seed: 3 });
const JOB = /monster\.com|careerbuilder\.com|indeed\.com|simplyhired\.com|jobhuntersbible\.com|job-hunt\.org|hotjobs\.yahoo\.com|craigslist\.org|usajobs\.gov/;

interface Insider {
  user: string;
  scenario: number;
  start: number;
  end: number;
  rows: { log: string; f: string[] }[];
}
const insiders: Insider[] = readCsv(join(dir, 'answers', 'insiders.csv')).rows.map(([, sc, details, user, start, end]) => ({
  user: user!,
  scenario: Number(sc),
  start: parseDate(start!),
  end: parseDate(end!),
  rows: readFileSync(join(dir, 'answers', `r5.2-${sc}`, details!), 'latin1')
    .trimEnd()
    .split('\n')
    .map((l) => {
      const f = splitCsv(l);
      return { log: f[0]!, f: f.slice(1) };
    }),
}));
const insiderIds = new Set(insiders.map((i) => i.user));
const logon = readCsv(join(dir, 'logon.csv')).rows;
const device = readCsv(join(dir, 'device.csv')).rows;
const http = readCsv(join(dir, 'http.csv')).rows;
const ldap = readCsv(join(dir, 'LDAP', readdirSync(join(dir, 'LDAP')).sort()[0]!));
const hourOf = (date: string) => Number(date.slice(11, 13)) + Number(date.slice(14, 16)) / 60;
const afterHours = (date: string) => hourOf(date) < 7.5 || hourOf(date) >= 17.5;
const ofScenario = (n: number) => insiders.filter((i) => i.scenario === n);

test('the insiders cover every requested scenario', () => {
  assert.deepEqual([...new Set(insiders.map((i) => i.scenario))].sort(), [1, 2, 3, 4, 5]);
  assert.equal(insiders.length, 10);
  // Start dates are spread over the period rather than bunched.
  const starts = insiders.map((i) => i.start).sort((a, b) => a - b);
  assert.ok(starts[starts.length - 1]! - starts[0]! > 20 * 86400, 'insider start dates are bunched');
});

test('scenario 1: after-hours logon, thumb drive, wikileaks; no drive use before', () => {
  for (const ins of ofScenario(1)) {
    assert.ok(ins.rows.some((r) => r.log === 'logon' && r.f[4] === 'Logon' && afterHours(r.f[1]!)), `${ins.user}: no after-hours logon`);
    assert.ok(ins.rows.some((r) => r.log === 'http' && r.f[4]!.includes('wikileaks.org')), `${ins.user}: no wikileaks upload`);
    assert.ok(ins.rows.some((r) => r.log === 'device'), `${ins.user}: no thumb drive`);
    const before = device.filter((r) => r[2] === ins.user && parseDate(r[1]!) < ins.start);
    assert.equal(before.length, 0, `${ins.user} used a drive before the scenario`);
  }
});

test('scenario 2: job sites, then thumb-drive use at a much higher rate than before', () => {
  for (const ins of ofScenario(2)) {
    assert.ok(ins.rows.some((r) => r.log === 'http' && JOB.test(r.f[4]!)), `${ins.user}: no job sites`);
    const days = (t: number) => Math.floor(t / 86400);
    const connects = device.filter((r) => r[2] === ins.user && r[5] === 'Connect').map((r) => parseDate(r[1]!));
    const beforeDays = Math.max(1, days(ins.start) - days(parseDate('03/01/2010 00:00:00')));
    const before = connects.filter((t) => t < ins.start).length / beforeDays;
    const lastConnects = ins.rows.filter((r) => r.log === 'device' && r.f[5] === 'Connect').map((r) => parseDate(r.f[1]!));
    assert.ok(lastConnects.length > 0, `${ins.user}: no malicious copying`);
    const span = Math.max(1, days(ins.end) - days(lastConnects[0]!) + 1);
    assert.ok(lastConnects.length / span > 2 * before, `${ins.user}: rate ${lastConnects.length / span} vs ${before} before`);
  }
});

test("scenario 3: keylogger, planted on the supervisor's PC, mass mail as the supervisor, then gone", () => {
  const idByName = new Map(ldap.rows.map((r) => [r[0]!, r[1]!]));
  const supOf = new Map(ldap.rows.map((r) => [r[1]!, idByName.get(r[ldap.col('supervisor')]!)]));
  for (const ins of ofScenario(3)) {
    const sup = supOf.get(ins.user)!;
    assert.ok(ins.rows.some((r) => r.log === 'http' && /keylog|refog|spector|hackforums|wellresearched/.test(r.f[4]!)), 'no keylogger site');
    assert.ok(ins.rows.some((r) => r.log === 'file' && r.f[4]!.endsWith('.exe')), 'no executable copied');
    assert.ok(ins.rows.some((r) => r.log === 'logon' && r.f[2] === sup), 'no logon as the supervisor');
    const mass = ins.rows.find((r) => r.log === 'email' && r.f[2] === sup);
    assert.ok(mass, 'no email from the supervisor account');
    assert.ok(mass.f[4]!.split(';').length + mass.f[5]!.split(';').length >= 10, 'the alarming email is not a mass email');
    const later = logon.filter((r) => r[2] === ins.user && parseDate(r[1]!) > ins.end + 86400);
    assert.equal(later.length, 0, `${ins.user} still active after leaving`);
  }
});

test("scenario 4: logs into a coworker's machine and mails files to a personal address", () => {
  for (const ins of ofScenario(4)) {
    const pcs = new Map<string, number>();
    for (const r of logon) if (r[2] === ins.user) pcs.set(r[3]!, (pcs.get(r[3]!) ?? 0) + 1);
    const own = [...pcs.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    assert.ok(ins.rows.some((r) => r.log === 'logon' && r.f[3] !== own), `${ins.user}: no logon on another PC`);
    assert.ok(ins.rows.some((r) => r.log === 'file' && r.f[5] === 'File Open'), 'no file search');
    const mails = ins.rows.filter((r) => r.log === 'email');
    assert.ok(mails.length > 0 && mails.every((m) => !m.f[4]!.includes('dtaa.com') && m.f[10] !== ''), 'no attachments sent outside');
    // More and more often: the second half of the period has more malicious days than the first.
    const dayList = [...new Set(ins.rows.map((r) => r.f[1]!.slice(0, 10)))].map((d) => parseDate(d + ' 00:00:00'));
    const mid = (ins.start + ins.end) / 2;
    assert.ok(dayList.filter((t) => t >= mid).length >= dayList.filter((t) => t < mid).length, `${ins.user}: not escalating`);
  }
});

test('scenario 5: uploads to Dropbox', () => {
  for (const ins of ofScenario(5)) assert.ok(ins.rows.some((r) => r.log === 'http' && r.f[4]!.includes('dropbox.com')));
});

test('benign users also work late, use thumb drives and browse job sites', () => {
  const late = new Set(logon.filter((r) => !insiderIds.has(r[2]!) && r[4] === 'Logon' && (hourOf(r[1]!) >= 19 || hourOf(r[1]!) < 5)).map((r) => r[2]));
  const drives = new Set(device.filter((r) => !insiderIds.has(r[2]!)).map((r) => r[2]));
  const jobs = new Set(http.filter((r) => !insiderIds.has(r[2]!) && JOB.test(r[4]!)).map((r) => r[2]));
  const leaks = http.filter((r) => !insiderIds.has(r[2]!) && /wikileaks|dropbox/.test(r[4]!)).length;
  assert.ok(late.size >= 3, `only ${late.size} benign late workers`);
  assert.ok(drives.size >= 10, `only ${drives.size} benign drive users`);
  assert.ok(jobs.size >= 3, `only ${jobs.size} benign job-site visitors`);
  assert.ok(leaks > 0, 'no benign visits to leak or cloud sites');
});

test('intensity scales the malicious activity', async () => {
  const low = await tiny({ users: 80, days: 90, insiders: 10, seed: 3, intensity: 0.5 });
  const high = await tiny({ users: 80, days: 90, insiders: 10, seed: 3, intensity: 3 });
  const count = (x: typeof s) => x.insiders.reduce((a, i) => a + i.events, 0);
  assert.ok(count(high.s) > 2 * count(low.s), `${count(high.s)} vs ${count(low.s)}`);
  assert.equal(count(s) > count(low.s), true);
});

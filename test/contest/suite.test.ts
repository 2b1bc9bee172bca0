// The contest suites: the built-in files validate and cover what issue 24 asks of them;
// a bad file fails with its path and the field; world keys are stable and ignore names.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { plannedSplit } from '../../src/contest/check.js';
import { loadSuite, SuiteError, worldKey, type WorldDef } from '../../src/contest/suite.js';

const root = mkdtempSync(join(tmpdir(), 'reslab-suite-'));
after(() => rmSync(root, { recursive: true, force: true }));

const KNOBS = ['lookalikes', 'drift', 'sparse'] as const;
const usesKnob = (w: WorldDef) => KNOBS.some((k) => (w[k] ?? 0) > 0);

test('the default suite: 8+ worlds over the sizes, releases, scenario mixes and intensities asked for', () => {
  const s = loadSuite('default');
  assert.equal(s.name, 'default');
  assert.ok(s.worlds.length >= 8);
  for (const w of s.worlds) {
    assert.ok(w.users >= 200 && w.users <= 1000, `${w.name}: ${w.users} users`);
    assert.ok(w.days >= 180 && w.days <= 500, `${w.name}: ${w.days} days`);
    assert.ok(w.insiders >= 40, `${w.name}: ${w.insiders} insiders`);
    assert.ok((w.intensity ?? 1) >= 0.3 && (w.intensity ?? 1) <= 1, `${w.name}: intensity ${w.intensity}`);
  }
  assert.deepEqual([...new Set(s.worlds.map((w) => w.release))].sort(), ['r4.2', 'r5.2', 'r6.2']);
  for (const sc of [1, 2, 3, 4, 5]) assert.ok(s.worlds.some((w) => w.scenarios.length === 1 && w.scenarios[0] === sc), `scenario ${sc} alone`);
  assert.ok(s.worlds.some((w) => w.scenarios.length === 5), 'all scenarios together');
  const intensities = s.worlds.map((w) => w.intensity ?? 1);
  assert.equal(Math.min(...intensities), 0.3);
  assert.equal(Math.max(...intensities), 1);
  assert.ok(Math.min(...s.worlds.map((w) => w.users)) === 200 && Math.max(...s.worlds.map((w) => w.users)) === 1000);
  assert.ok(s.worlds.filter(usesKnob).length >= 3);
  for (const k of KNOBS) assert.ok(s.worlds.some((w) => (w[k] ?? 0) > 0), `no world uses ${k}`);
  assert.equal(new Set(s.worlds.map(worldKey)).size, s.worlds.length, 'two worlds are the same');
});

test('the quick suite: three small worlds with 40+ insiders, one using the knobs', () => {
  const s = loadSuite('quick');
  assert.equal(s.worlds.length, 3);
  for (const w of s.worlds) assert.ok(w.insiders >= 40 && w.users * w.days <= 20_000, w.name);
  assert.ok(s.worlds.some(usesKnob));
});

test('every world of both suites puts 15+ insiders on the test side of le2020 at seeds 1-5 (planned)', () => {
  for (const name of ['quick', 'default']) {
    for (const w of loadSuite(name).worlds) {
      const p = plannedSplit(w);
      assert.equal(p.insiders, w.insiders, w.name);
      assert.ok(Math.min(...p.testInsiders) >= 15, `${name}/${w.name}: ${p.testInsiders}`);
      assert.ok(p.leavers < w.users / 2, `${name}/${w.name}: ${p.leavers} of ${w.users} leave`);
    }
  }
});

const WORLD: WorldDef = { name: 'a', release: 'r5.2', users: 40, start: '2010-01-04', days: 30, insiders: 3, scenarios: [2, 1], seed: 5 };

test('world keys hash the normalised definition: names, notes, order and spelled-out defaults do not matter', () => {
  const k = worldKey(WORLD);
  assert.match(k, /^w-[0-9a-f]{16}$/);
  // Pinned: a key that changed would silently regenerate every cached world.
  assert.equal(k, 'w-e91dd742acda3a9c');
  assert.equal(worldKey({ ...WORLD, name: 'b', note: 'x', scenarios: [1, 2, 2] }), k);
  assert.equal(worldKey({ ...WORLD, intensity: 1, lookalikes: 0, drift: 0, sparse: 0, layoffCap: 1 }), k);
  for (const change of [{ seed: 6 }, { intensity: 0.5 }, { drift: 0.1 }, { release: 'r6.2' as const }, { days: 31 }]) {
    assert.notEqual(worldKey({ ...WORLD, ...change }), k, JSON.stringify(change));
  }
});

function bad(content: unknown, pattern: RegExp): void {
  const file = join(root, `bad-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  assert.throws(
    () => loadSuite(file),
    (e: Error) => e instanceof SuiteError && e.message.startsWith(file + ': ') && pattern.test(e.message),
  );
}

test('a bad suite file fails with the file, the world and the field', () => {
  const ok = { name: 's', worlds: [WORLD] };
  bad('{ "name": ', /not valid JSON/);
  bad([], /top level/);
  bad({ ...ok, worlds: [] }, /worlds: expected a non-empty list/);
  bad({ ...ok, extra: 1 }, /extra: unknown field/);
  const { users: _u, ...noUsers } = WORLD;
  bad({ ...ok, worlds: [noUsers] }, /worlds\[0\] \(a\)\.users: missing/);
  bad({ ...ok, worlds: [{ ...WORLD, users: '40' }] }, /worlds\[0\] \(a\)\.users: expected an integer, got "40"/);
  bad({ ...ok, worlds: [{ ...WORLD, lookalike: 3 }] }, /worlds\[0\] \(a\)\.lookalike: unknown field/);
  bad({ ...ok, worlds: [{ ...WORLD, release: 'r7' }] }, /\.release: expected one of r4\.2, r5\.2, r6\.2/);
  bad({ ...ok, worlds: [{ ...WORLD, release: 'r4.2', scenarios: [4] }] }, /\.scenarios: 4 and 5 exist only from r5/);
  bad({ ...ok, worlds: [{ ...WORLD, insiders: 20 }] }, /\.insiders: 20 is too many for 40 users/);
  bad({ ...ok, worlds: [{ ...WORLD, drift: 1.5 }] }, /\.drift: expected a share in 0\.\.1/);
  bad({ ...ok, worlds: [WORLD, { ...WORLD, seed: 9 }] }, /worlds\[1\] \(a\)\.name: 'a' is used by an earlier world/);
  assert.throws(() => loadSuite(join(root, 'none.json')), /none\.json: no such suite file/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSplit } from '../../src/train/split.js';
import { toyMatrix } from './helpers.js';

const m = toyMatrix({ users: 20, days: 40, insiders: 6 });
const rows = { user: m.user, time: m.time, insider: m.insider };
const usersOf = (idx: Int32Array) => new Set(Array.from(idx, (i) => m.user[i]));
const insidersOf = (idx: Int32Array) => new Set(Array.from(idx).filter((i) => m.insider![i] > 0).map((i) => m.user[i]));

for (const kind of ['time', 'user', 'le2020'] as const) {
  test(`${kind} split: train, val and test are disjoint and validation holds insiders`, () => {
    const s = makeSplit(rows, { kind, seed: 3 });
    const all = [...s.train, ...s.val, ...s.test];
    assert.equal(new Set(all).size, all.length);
    assert.ok(s.train.length > 0 && s.val.length > 0 && s.test.length > 0);
    assert.ok(insidersOf(s.val).size >= 1, 'validation has an insider');
    // Validation users never appear in training rows.
    for (const u of usersOf(s.val)) assert.ok(!usersOf(s.train).has(u));
  });
}

test('time split: every training and validation day comes before every test day', () => {
  const s = makeSplit(rows, { kind: 'time', seed: 1 });
  const lastTrain = Math.max(...[...s.train, ...s.val].map((i) => m.time[i]));
  const firstTest = Math.min(...Array.from(s.test, (i) => m.time[i]));
  assert.ok(lastTrain < firstTest);
  assert.equal(firstTest, s.cut);
});

test('user split: test users are held out, insiders stratified to both sides', () => {
  const s = makeSplit(rows, { kind: 'user', seed: 2 });
  const trainSide = usersOf(new Int32Array([...s.train, ...s.val]));
  for (const u of usersOf(s.test)) assert.ok(!trainSide.has(u));
  assert.equal(insidersOf(s.test).size, 3);
  assert.equal(insidersOf(new Int32Array([...s.train, ...s.val])).size, 3);
});

test('le2020: later period for every user, insiders seen in training are not scored', () => {
  const s = makeSplit(rows, { kind: 'le2020', seed: 4, trainUsers: 0.6 });
  const seen = insidersOf(new Int32Array([...s.train, ...s.val]));
  assert.ok(seen.size > 0, 'some insider is malicious before the cut on the training side');
  assert.deepEqual([...seen].sort((a, b) => a - b), s.excludedInsiders.filter((u) => seen.has(u)));
  for (const u of usersOf(s.test)) assert.ok(!s.excludedInsiders.includes(u));
  for (const i of s.test) assert.ok(m.time[i] >= s.cut!);
  // Training users are a subset; test covers users never trained on.
  const trainUsers = usersOf(new Int32Array([...s.train, ...s.val]));
  assert.ok(trainUsers.size < 20);
  assert.ok([...usersOf(s.test)].some((u) => !trainUsers.has(u)));
});

test('same seed, same split; another seed, another split', () => {
  const a = makeSplit(rows, { kind: 'user', seed: 5 }), b = makeSplit(rows, { kind: 'user', seed: 5 }), c = makeSplit(rows, { kind: 'user', seed: 6 });
  assert.deepEqual(a.test, b.test);
  assert.notDeepEqual(a.test, c.test);
});

test('bad split options are clear errors', () => {
  assert.throws(() => makeSplit(rows, { kind: 'user', seed: 1, trainUsers: 1.5 }), /trainUsers must be between 0 and 1/);
  assert.throws(() => makeSplit(rows, { kind: 'nope' as never, seed: 1 }), /unknown kind 'nope'/);
});

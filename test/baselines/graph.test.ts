// The graph-clustering baseline: the Louvain wrapper finds planted communities, the parts
// (day index, mid-ranks, community change, centroid distances) match hand computations,
// and the detector singles out a user who moves to the other group.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector } from '../../src/baselines/index.js';
import { CommunityCentroids } from '../../src/baselines/graph/centroid.js';
import { DayIndex } from '../../src/baselines/graph/dayIndex.js';
import { louvainCommunities } from '../../src/baselines/graph/louvain.js';
import { communityChange, LouvainDetector } from '../../src/baselines/graph/louvainDetector.js';
import { periodOf } from '../../src/baselines/graph/periods.js';
import { TailRank } from '../../src/baselines/graph/rank.js';
import type { EdgeList } from '../../src/baselines/graph/types.js';
import { rows, SUNDAY, world } from './graphWorld.js';

/** Two 5-cliques (0–4, 5–9) joined by the single edge 4–5; node 10 has no edge. */
function twoCliques() {
  const a: number[] = [], b: number[] = [];
  for (const base of [0, 5]) for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) a.push(base + i), b.push(base + j);
  a.push(4), b.push(5);
  return { nodes: 11, a, b, w: a.map(() => 1) };
}

test('louvain: two cliques joined by one edge are two communities; an isolated node gets -1', () => {
  for (const seed of [1, 2, 3]) {
    const c = louvainCommunities(twoCliques(), { seed });
    assert.deepEqual([...c], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1], `seed ${seed}`);
  }
  // Parallel edges add up and self-loops are ignored: the same partition.
  const g = twoCliques();
  assert.deepEqual([...louvainCommunities({ ...g, a: [...g.a, 3, 7], b: [...g.b, 3, 7], w: [...g.w, 5, 5] }, { seed: 1 })], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1]);
  assert.throws(() => louvainCommunities({ nodes: 2, a: [0], b: [2], w: [1] }), /outside nodes \[0, 2\)/);
});

test('periods start on Sundays', () => {
  assert.equal(new Date(SUNDAY * 86400000).getUTCDay(), 0);
  assert.equal(periodOf(SUNDAY, 7), periodOf(SUNDAY + 6, 7));
  assert.equal(periodOf(SUNDAY + 7, 7), periodOf(SUNDAY, 7) + 1);
  assert.equal(periodOf(3, 7), 0);
  assert.equal(periodOf(2, 7), -1);
});

test('day index: a user\'s edges of a day range, and all edges of a day range', () => {
  const list: EdgeList = {
    kind: 'web', targets: ['a', 'b', 'c'],
    user: Int32Array.from([1, 0, 1, 0, 1]), target: Int32Array.from([0, 1, 2, 2, 1]),
    day: Int32Array.from([12, 10, 10, 12, 11]), count: Float32Array.from([1, 2, 3, 4, 5]),
  };
  const ix = new DayIndex(list, 2);
  assert.equal(ix.day0, 10);
  assert.equal(ix.days, 3);
  const seen = (f: (v: (e: number) => void) => void) => {
    const out: number[] = [];
    f((e) => out.push(e));
    return out;
  };
  assert.deepEqual(seen((v) => ix.userRange(1, 10, 12, v)), [2, 4]);
  assert.deepEqual(seen((v) => ix.userRange(0, 0, 100, v)), [1, 3]);
  assert.deepEqual(seen((v) => ix.dayRange(11, 13, v)), [4, 3, 0]);
  assert.deepEqual(seen((v) => ix.dayRange(13, 20, v)), []);
  assert.throws(() => new DayIndex({ ...list, target: Int32Array.from([0, 1, 2, 3, 1]) }, 2), /target index 3 at 3 outside \[0, 3\)/);
});

test('tail probability: training values above, half the ties, one pseudo-count', () => {
  const r = new TailRank([0, 0, 0, 1, 2]);
  assert.equal(r.p(0), (2 + 1.5 + 1) / 6);
  assert.equal(r.p(-1), 1);
  assert.equal(r.p(0.5), 3 / 6);
  assert.equal(r.p(2), 1.5 / 6);
  assert.equal(r.p(5), 1 / 6);
});

test('community change: 1 - Jaccard of the co-members, 0 where a partition lacks the user', () => {
  // prev: {0,1,2} {3,4}; cur: {0,1} {2,3,4}; user 5 absent before.
  const prev = Int32Array.from([0, 0, 0, 1, 1, -1]);
  const cur = Int32Array.from([0, 0, 1, 1, 1, 1]);
  const c = communityChange(cur, prev);
  // user 0: A={0,1}, B={0,1,2} → 1 - 2/3; user 2: A={2,3,4,5}, B={0,1,2} → 1 - 1/6; user 3: A={2,3,4,5}, B={3,4} → 1 - 2/4.
  const want = [1 / 3, 1 / 3, 5 / 6, 0.5, 0.5, 0];
  want.forEach((v, u) => assert.ok(Math.abs(c[u]! - v) < 1e-6, `user ${u}: ${c[u]} vs ${v}`));
});

test('centroid distance: RMS of the standardised difference to the community mean', () => {
  // One feature: values 0, 2 (community 0), 4, 6 (community 1), 10 (no community).
  // Training mean 4.4, population sd sqrt((4.4² + 2.4² + 0.4² + 1.6² + 5.6²) / 5) = sqrt(11.84);
  // centroids 1 and 5, in standard units (1 - 4.4) / sd and (5 - 4.4) / sd.
  const train = { x: Float32Array.from([0, 2, 4, 6, 10]), n: 5, f: 1 };
  const cc = new CommunityCentroids(train, Int32Array.from([0, 0, 1, 1, -1]), 2);
  const d = cc.distances({ x: Float32Array.from([1, 2, 7, 4.4]), n: 4, f: 1 }, Int32Array.from([0, 1, 1, -1]));
  const sd = Math.sqrt(11.84);
  const want = [0 / sd, 3 / sd, 2 / sd, 0];
  want.forEach((v, i) => assert.ok(Math.abs(d[i]! - v) < 1e-5, `row ${i}: ${d[i]} vs ${v}`));
  cc.dispose();
});

test('louvain detector: a user who moves to the other group in the last week scores highest', async () => {
  const weeks = 6;
  const lastWeek = SUNDAY + 7 * (weeks - 1);
  const w = world({ perGroup: 6, weeks, mover: { user: 2, fromDay: lastWeek }, seed: 5 });
  // Features without noise: the graph alone must single the mover out.
  const train = rows(w, w.days.slice(0, 28), 4, 1, 0);
  const test = rows(w, w.days.slice(28), 4, 2, 0);
  for (const name of ['louvain', 'louvain_email', 'louvain_pc']) {
    const det = createDetector(name);
    assert.equal(det.supervised, false);
    await det.fit(train, undefined, { seed: 3 });
    const s = await det.score(test);
    const order = Array.from(s.keys()).sort((a, b) => s[b]! - s[a]!);
    const top = order.slice(0, 7).map((i) => [test.context!.user[i], test.context!.time[i]! >= lastWeek]);
    assert.deepEqual(top, Array.from({ length: 7 }, () => [2, true]), `${name}: the mover's 7 moved days rank first`);
    // The mover's earlier test week looks like everyone else's.
    const before = order.findIndex((i) => test.context!.user[i] === 2 && test.context!.time[i]! < lastWeek);
    assert.ok(before >= 7 + 10, `${name}: the mover's unmoved days are not near the top (first at ${before})`);
    det.dispose?.();
  }
});

test('louvain detector: a transferred user crosses on every moved day, and the week after shows the community change', async () => {
  const weeks = 7;
  const moveDay = SUNDAY + 7 * 5;
  const w = world({ perGroup: 6, weeks, mover: { user: 2, fromDay: moveDay, transfer: true }, seed: 6 });
  const det = new LouvainDetector('louvain', { windowDays: 7 });
  det.fit(rows(w, w.days.slice(0, 28), 3, 1), undefined, { seed: 1 });
  const test = rows(w, w.days.slice(28), 3, 2);
  const { kinds, values } = det.components(test);
  assert.deepEqual(kinds, ['pc', 'email']);
  const ctx = test.context!;
  for (let k = 0; k < kinds.length; k++) {
    for (let i = 0; i < test.n; i++) {
      const moved = ctx.user[i] === 2 && ctx.time[i]! >= moveDay;
      const cross = values[k]!.cross[i]!;
      if (moved && ctx.time[i]! < moveDay + 7) assert.equal(cross, 1, `${kinds[k]} row ${i}: moved day crosses`);
      // The new group now mails the newcomer, whom the week before's partition still puts in the old group.
      if (!moved && kinds[k] === 'email') assert.ok(cross < 1, `email row ${i}: unmoved day partly inside (${cross})`);
      if (!moved && kinds[k] === 'pc') assert.equal(cross, 0, `pc row ${i}: unmoved day inside`);
    }
    // With a one-week window, the week after the move is judged against the moved week: the mover changed community.
    const change = (u: number, day: number) => values[k]!.change[Array.from(ctx.user.keys()).find((i) => ctx.user[i] === u && ctx.time[i] === day)!]!;
    const after = moveDay + 7;
    assert.ok(change(2, after) > 0.5, `${kinds[k]}: mover's change ${change(2, after)}`);
    for (let u = 0; u < w.users.length; u++) if (u !== 2) assert.ok(change(u, after) < change(2, after) / 2, `${kinds[k]} user ${u}: change ${change(u, after)}`);
    assert.equal(change(2, moveDay - 7), 0);
  }
  det.dispose();
});

test('louvain detector: with the graph unchanged, a user whose features leave their community\'s centroid scores highest', async () => {
  const w = world({ perGroup: 6, weeks: 6, seed: 9 });
  const train = rows(w, w.days.slice(0, 28), 3, 1, 0);
  const test = rows(w, w.days.slice(28), 3, 2, 0);
  // User 8 (group 1) looks exactly like a group-0 row on its last test day: nothing
  // unusual for the whole table, everything unusual for its community.
  const row = 8 * 14 + 13;
  test.x[row * 3] = 0;
  const det = new LouvainDetector('louvain');
  det.fit(train, undefined, { seed: 2 });
  const s = det.score(test);
  const order = Array.from(s.keys()).sort((a, b) => s[b]! - s[a]!);
  assert.equal(order[0], row);
  const { values } = det.components(test);
  for (const v of values) v.dist.forEach((d, i) => assert.ok(i === row ? d > 1 : d < 1e-6, `row ${i}: distance ${d}`));
  det.dispose();
});

test('louvain detector: the same seed gives the same scores', async () => {
  const w = world({ perGroup: 5, weeks: 5, seed: 8 });
  const score = async (seed: number) => {
    const det = createDetector('louvain');
    await det.fit(rows(w, w.days.slice(0, 21), 3, 1), undefined, { seed });
    const s = await det.score(rows(w, w.days.slice(21), 3, 2));
    det.dispose?.();
    return s;
  };
  assert.deepEqual(await score(4), await score(4));
});

test('louvain detector: without a graph context or edges it says how to make them', async () => {
  const det = createDetector('louvain');
  const w = world({ perGroup: 3, weeks: 2, seed: 1 });
  const data = rows(w, w.days, 2, 1);
  await assert.rejects(async () => det.fit({ x: data.x, n: data.n, f: data.f }), /without a graph context.*reslab features … --edges/);
  await assert.rejects(async () => det.fit({ ...data, context: { ...data.context!, edges: [] } }), /holds no edges.*--edges/);
  await assert.rejects(async () => createDetector('louvain_web').fit(data), /no 'web' edges \(it has email, pc\)/);
  assert.throws(() => createDetector('louvain', { kinds: ['phone'] }), /kinds must be a non-empty list of pc, email, web/);
});

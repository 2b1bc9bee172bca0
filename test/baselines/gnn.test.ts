// The GNN baselines learn what only the graph can tell: on a toy organisation of stars
// (a lead mailing four reports every day), a report is an insider on the days its lead's
// signal feature is on. A report's own features say nothing about that, so logistic
// regression on x sits at chance on the reports, while GCN and GraphSAGE, reading the
// lead's features through the email edges, rank them almost perfectly on held-out days.
// The graph autoencoder ranks first a node planted with another community's features
// (ordinary on its own, unlike its neighbours); k-NN on the rows does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector, type TabularData } from '../../src/baselines/index.js';
import { GNNDetector } from '../../src/baselines/gnn/index.js';
import type { EdgeList, GraphContext } from '../../src/baselines/graph/types.js';
import { rocAuc } from '../../src/eval/index.js';
import { Rng } from '../../src/util/rng.js';
import * as torch from '../../src/torch/index.js';
import { argmax } from './helpers.js';

const DAY0 = 19_000;

interface Toy { data: TabularData; labels: Uint8Array; leaf: Uint8Array }

/** Rows of `days` days from `first`, every user present every day; the feature maker sets x and labels. */
function world(users: string[], first: number, days: number, f: number, email: [number, number, number][],
  fill: (day: number, x: (u: number) => Float32Array, label: (u: number, v: 0 | 1) => void) => void): { data: TabularData; labels: Uint8Array } {
  const U = users.length, n = U * days;
  const x = new Float32Array(n * f), labels = new Uint8Array(n);
  const user = new Int32Array(n), time = new Int32Array(n);
  const eu: number[] = [], et: number[] = [], ed: number[] = [], ec: number[] = [];
  for (let d = 0; d < days; d++) {
    for (let u = 0; u < U; u++) { user[d * U + u] = u; time[d * U + u] = first + d; }
    fill(d, (u) => x.subarray((d * U + u) * f, (d * U + u + 1) * f), (u, v) => (labels[d * U + u] = v));
    for (const [a, b, c] of email) { eu.push(a); et.push(b); ed.push(first + d); ec.push(c); }
  }
  const mail: EdgeList = { kind: 'email', user: Int32Array.from(eu), target: Int32Array.from(et), targets: users, day: Int32Array.from(ed), count: Float32Array.from(ec) };
  const context: GraphContext = { users, user, time, edges: [mail] };
  return { data: { x, n, f, context }, labels };
}

/** Stars of one lead and four reports; the lead's feature 0 is its signal, reports' is 0; the rest is noise. */
function stars(nStars: number, first: number, days: number, seed: number): Toy {
  const m = 4, f = 4;
  const users: string[] = [];
  const email: [number, number, number][] = [];
  for (let s = 0; s < nStars; s++) {
    users.push(`lead${s}`);
    for (let j = 1; j <= m; j++) {
      users.push(`rep${s}.${j}`);
      email.push([s * (m + 1), s * (m + 1) + j, 10], [s * (m + 1) + j, s * (m + 1), 10]);
    }
  }
  const rng = new Rng(seed, 0x57a5);
  const t = world(users, first, days, f, email, (_day, x, label) => {
    for (let s = 0; s < nStars; s++) {
      const signal = rng.int(2) as 0 | 1;
      for (let j = 0; j <= m; j++) {
        const row = x(s * (m + 1) + j);
        row[0] = j === 0 ? signal : 0;
        for (let k = 1; k < f; k++) row[k] = rng.normal();
        label(s * (m + 1) + j, j === 0 ? 0 : signal);
      }
    }
  });
  const leaf = Uint8Array.from({ length: t.data.n }, (_, i) => (t.data.context!.user[i] % (m + 1) === 0 ? 0 : 1));
  return { ...t, leaf };
}

function subset(a: Float32Array | Uint8Array, keep: Uint8Array): number[] {
  return [...a].filter((_, i) => keep[i]);
}

const SMALL = { hidden: 32, epochs: 40, windowDays: 1, periodsPerBatch: 5, dropout: 0 };

const train = stars(12, DAY0, 30, 1);
const held = stars(12, DAY0 + 30, 10, 2);

for (const name of ['gcn', 'graphsage']) {
  test(`${name}: learns a label set by the neighbour's features (held-out days ROC-AUC > 0.95)`, async (t) => {
    const d = createDetector(name, SMALL);
    assert.equal(d.supervised, true);
    await d.fit(train.data, train.labels, { seed: 1 });
    const s = await d.score(held.data);
    const auc = rocAuc(s, held.labels);
    const leaves = rocAuc(subset(s, held.leaf), subset(held.labels, held.leaf));
    t.diagnostic(`held-out ROC-AUC ${auc.toFixed(4)}, on the reports ${leaves.toFixed(4)}`);
    assert.ok(auc > 0.95, `held-out ROC-AUC ${auc}`);
    assert.ok(leaves > 0.95, `held-out ROC-AUC on the reports ${leaves}`);
    d.dispose?.();
  });
}

test('maxSteps bounds the epochs (whole epochs only); a set with few periods keeps all its epochs', async () => {
  // 30 training periods, 5 per step: 6 steps an epoch.
  const epochsRun = async (maxSteps: number) => {
    const d = new GNNDetector('gcn', { ...SMALL, epochs: 4, maxSteps });
    await d.fit(train.data, train.labels, { seed: 1 });
    d.dispose();
    return d.epochLosses.length;
  };
  assert.equal(await epochsRun(800), 4);
  assert.equal(await epochsRun(13), 2);
  assert.equal(await epochsRun(1), 1);
});

test('logistic on the rows alone cannot learn it: chance on the reports', async (t) => {
  const d = createDetector('logistic');
  await d.fit(train.data, train.labels, { seed: 1 });
  const s = await d.score(held.data);
  const leaves = rocAuc(subset(s, held.leaf), subset(held.labels, held.leaf));
  t.diagnostic(`ROC-AUC on the reports ${leaves.toFixed(4)}, overall ${rocAuc(s, held.labels).toFixed(4)}`);
  // Overall it can only tell that a lead with the signal on is a negative (1/6 of them).
  assert.ok(Math.abs(leaves - 0.5) < 0.08, `ROC-AUC on the reports ${leaves}`);
  assert.ok(rocAuc(s, held.labels) < 0.65, `overall ROC-AUC ${rocAuc(s, held.labels)}`);
  d.dispose?.();
});

test('gcn without the email edges (pc only: no edges here) is back at chance on the reports', async (t) => {
  const d = createDetector('gcn', { ...SMALL, kinds: 'pc' });
  await d.fit(train.data, train.labels, { seed: 1 });
  const s = await d.score(held.data);
  const leaves = rocAuc(subset(s, held.leaf), subset(held.labels, held.leaf));
  t.diagnostic(`ROC-AUC on the reports ${leaves.toFixed(4)}`);
  assert.ok(Math.abs(leaves - 0.5) < 0.08, `ROC-AUC on the reports ${leaves}`);
  d.dispose?.();
});

for (const name of ['gcn', 'graphsage', 'gcn_ae']) {
  test(`${name}: the same seed gives the same scores, another seed others`, async () => {
    const small = stars(4, DAY0, 8, 3);
    const run = async (seed: number) => {
      const d = createDetector(name, { ...SMALL, epochs: 3, dropout: 0.2 });
      await d.fit(small.data, small.labels, { seed });
      const s = await d.score(small.data);
      d.dispose?.();
      return s;
    };
    const a = await run(5);
    assert.deepEqual(await run(5), a);
    assert.notDeepEqual(await run(6), a);
  });
}

/**
 * Four communities of six users who mail each other daily; members' features are their
 * community's profile plus noise. On the last day user 0 (community 0) takes on community
 * 2's profile: a common row, on an uncommon node.
 */
function communities(days: number, seed: number, plantOnLastDay: boolean): TabularData {
  const C = 4, size = 6, f = 6;
  const users = Array.from({ length: C * size }, (_, u) => `u${u}`);
  const email: [number, number, number][] = [];
  for (let c = 0; c < C; c++) for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) if (i !== j) email.push([c * size + i, c * size + j, 3]);
  const fixed = new Rng(0, 0xc0);
  const profile = Array.from({ length: C }, () => Array.from({ length: f }, () => 3 * fixed.normal()));
  const rng = new Rng(seed, 0xc1);
  return world(users, DAY0, days, f, email, (day, x) => {
    for (let u = 0; u < C * size; u++) {
      const c = plantOnLastDay && day === days - 1 && u === 0 ? 2 : Math.floor(u / size);
      const row = x(u);
      for (let k = 0; k < f; k++) row[k] = profile[c][k] + 0.3 * rng.normal();
    }
  }).data;
}

test('gcn_ae: a node planted with another community\'s features ranks first; k-NN on the rows misses it', async (t) => {
  const fitOn = communities(20, 4, false);
  const scoreOn = communities(3, 5, true);
  const planted = 2 * 24; // user 0 on the last of the three days
  const d = createDetector('gcn_ae', { hidden: 32, code: 4, epochs: 60, windowDays: 1, dropout: 0 });
  assert.equal(d.supervised, false);
  await d.fit(fitOn);
  const s = await d.score(scoreOn);
  const second = Math.max(...s.filter((_, i) => i !== planted));
  t.diagnostic(`planted row's error ${s[planted].toFixed(3)}, next highest ${second.toFixed(3)}`);
  assert.equal(argmax(s), planted, `top row ${argmax(s)}; planted ${planted}`);
  d.dispose?.();
  const knn = createDetector('knn', { k: 3 });
  knn.fit(fitOn);
  const k = await knn.score(scoreOn);
  const rank = [...k].filter((v) => v > k[planted]).length;
  t.diagnostic(`k-NN ranks the planted row ${rank + 1} of ${k.length}`);
  assert.ok(rank >= 5, `k-NN ranks the planted row ${rank + 1}th; it should look ordinary without the graph`);
});

test('gcn_ae never reads labels: shuffled labels give identical scores', async () => {
  const small = stars(4, DAY0, 8, 6);
  const shuffled = Uint8Array.from(small.labels).reverse();
  const run = async (labels: Uint8Array) => {
    const d = createDetector('gcn_ae', { ...SMALL, epochs: 3 });
    await d.fit(small.data, labels, { seed: 2 });
    const s = await d.score(small.data);
    d.dispose?.();
    return s;
  };
  assert.deepEqual(await run(shuffled), await run(small.labels));
});

test('graph baselines: no context is a clear error naming the edge extraction', async () => {
  const { x, n, f } = train.data;
  for (const name of ['gcn', 'graphsage', 'gcn_ae']) {
    const d = createDetector(name, SMALL);
    await assert.rejects(async () => d.fit({ x, n, f }, train.labels), /need the log edges.*reslab features … --edges/);
  }
  const d = new GNNDetector('gcn', { ...SMALL, epochs: 1 });
  d.fit(train.data, train.labels);
  assert.throws(() => d.score({ x, n, f }), /need the log edges/);
  d.dispose();
});

test('graph baselines: bad context fields are named', () => {
  const d = new GNNDetector('gcn', SMALL);
  const ctx = train.data.context!;
  const bad = (context: GraphContext) => ({ ...train.data, context });
  assert.throws(() => d.fit(bad({ ...ctx, user: ctx.user.subarray(1) }), train.labels), /context.user has \d+ entries for \d+ rows/);
  const user = Int32Array.from(ctx.user); user[3] = 999;
  assert.throws(() => d.fit(bad({ ...ctx, user }), train.labels), /context.user\[3\] = 999 is outside context.users \(60 users\)/);
  const time = Int32Array.from(ctx.time); time[1] = time[0]; const u1 = Int32Array.from(ctx.user); u1[1] = u1[0];
  assert.throws(() => d.fit(bad({ ...ctx, time, user: u1 }), train.labels), /both user 'lead0' at time 19000; a graph baseline needs one row per user and period/);
  const e = ctx.edges[0];
  assert.throws(() => d.fit(bad({ ...ctx, edges: [{ ...e, target: Int32Array.from(e.target).fill(60, 0, 1) }] }), train.labels), /context.edges \(email\).target\[0\] = 60 is outside its 60 targets/);
  assert.throws(() => new GNNDetector('gcn', { kinds: 'web' }), /kinds must list edge kinds from email, pc/);
});

test('GNN detectors free their tensors on dispose', async () => {
  const before = torch.liveTensors();
  const small = stars(2, DAY0, 4, 7);
  for (const name of ['gcn', 'graphsage', 'gcn_ae']) {
    const d = createDetector(name, { ...SMALL, epochs: 1 });
    await d.fit(small.data, small.labels, { seed: 1 });
    await d.score(small.data);
    d.dispose?.();
  }
  assert.equal(torch.liveTensors(), before);
});

// Properties that hold beyond the scikit-learn fixture: ROC-AUC is the Mann-Whitney
// statistic (checked by brute force over all pairs), metrics ignore row order, thinned
// curves keep their ends, and 300k rows go through evaluateDetection quickly (a sanity
// run against accidental O(n²), not a timed assertion).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rocAuc, averagePrecision, rocCurve, prCurve, evaluateDetection, operatingPointAtFpr, DailyAlerts } from '../../src/eval/index.js';
import { Rng } from '../../src/util/rng.js';

/** The project's seeded generator, so the cases are the same on every run. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.float();
}

function sample(n: number, seed: number, levels: number) {
  const r = rng(seed);
  const labels = Int32Array.from({ length: n }, () => (r() < 0.3 ? 1 : 0));
  // Few distinct levels → many ties; labels shift the scores so the AUC is not 0.5.
  const scores = Float64Array.from(labels, (l) => Math.floor((r() + 0.3 * l) * levels) / levels);
  return { scores, labels };
}

test('ROC-AUC equals the Mann-Whitney statistic with half credit for ties', () => {
  for (const [seed, levels] of [[1, 3], [2, 7], [3, 1000]]) {
    const { scores, labels } = sample(300, seed, levels);
    let wins = 0, pairs = 0;
    for (let i = 0; i < scores.length; i++) {
      if (!labels[i]) continue;
      for (let j = 0; j < scores.length; j++) {
        if (labels[j]) continue;
        pairs++;
        wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
    }
    assert.ok(Math.abs(rocAuc(scores, labels) - wins / pairs) < 1e-12, `seed ${seed}`);
  }
});

test('row order does not matter', () => {
  const { scores, labels } = sample(500, 9, 5);
  const perm = Array.from(scores.keys()).sort((a, b) => ((a * 7919) % 500) - ((b * 7919) % 500));
  const s2 = Float64Array.from(perm, (i) => scores[i]);
  const l2 = Int32Array.from(perm, (i) => labels[i]);
  assert.equal(rocAuc(s2, l2), rocAuc(scores, labels));
  assert.equal(averagePrecision(s2, l2), averagePrecision(scores, labels));
  assert.deepEqual(operatingPointAtFpr(s2, l2, 0.1), operatingPointAtFpr(scores, labels, 0.1));
});

test('thinned curves keep both ends and stay within the point limit', () => {
  const { scores, labels } = sample(2000, 4, 1e6);
  const roc = rocCurve(scores, labels, { maxPoints: 50 });
  assert.ok(roc.fpr.length <= 50 && roc.fpr.length >= 2);
  assert.deepEqual([roc.fpr[0], roc.tpr[0], roc.thresholds[0]], [0, 0, Infinity]);
  assert.deepEqual([roc.fpr.at(-1), roc.tpr.at(-1)], [1, 1]);
  const pr = prCurve(scores, labels, { maxPoints: 50 });
  assert.ok(pr.precision.length <= 50);
  assert.equal(pr.thresholds.length, pr.precision.length - 1);
  assert.deepEqual([pr.precision.at(-1), pr.recall.at(-1)], [1, 0]);
  assert.equal(pr.recall[0], 1);
  // Without the option the full curve comes back.
  assert.ok(prCurve(scores, labels).precision.length > 50);
});

test('300k user-days through evaluateDetection (no O(n²) anywhere)', () => {
  const nUsers = 1000, nDays = 300, n = nUsers * nDays, r = rng(42);
  const scores = new Float32Array(n), labels = new Int32Array(n), users = new Int32Array(n), days = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = i % nUsers, d = Math.floor(i / nUsers);
    users[i] = u;
    days[i] = d;
    // 20 insiders, each malicious on a 10-day stretch, with scenario 1..5.
    labels[i] = u < 20 && d >= 100 + u * 5 && d < 110 + u * 5 ? 1 + (u % 5) : 0;
    scores[i] = r() + (labels[i] > 0 ? 0.4 : 0);
  }
  const t0 = performance.now();
  const report = evaluateDetection({ scores, labels, users, days, curvePoints: 500 });
  const ms = performance.now() - t0;
  console.log(`# evaluateDetection on ${n} rows: ${ms.toFixed(0)} ms`);
  assert.equal(report.positives, 200);
  assert.ok(report.overall.rocAuc > 0.8 && report.overall.rocAuc <= 1);
  assert.equal(report.perScenario.length, 5);
  assert.equal(report.budgets!.daily[0].insiders, 20);
  assert.ok(report.curves!.roc.fpr.length <= 500);
});

test('ranks of malicious user-days equal a full sort of each day (score ↓, benign first, row ↑)', () => {
  const r = rng(5), n = 2000;
  const days = Int32Array.from({ length: n }, () => Math.floor(r() * 20));
  const users = Int32Array.from({ length: n }, (_, i) => i % 97);
  const labels = Int32Array.from({ length: n }, () => (r() < 0.2 ? 1 + Math.floor(r() * 3) : 0));
  const scores = Float64Array.from({ length: n }, () => Math.floor(r() * 6) / 2 - 1); // heavy ties, signed zeros never
  scores[3] = Infinity;
  scores[4] = -Infinity;
  const alerts = new DailyAlerts({ scores, labels, users, days });
  const expected: number[] = [];
  for (const i of alerts.positives) {
    const day = Array.from({ length: n }, (_, j) => j).filter((j) => days[j] === days[i]);
    day.sort((a, b) => (scores[a] !== scores[b] ? (scores[a] > scores[b] ? -1 : 1) : (labels[a] > 0 ? 1 : 0) - (labels[b] > 0 ? 1 : 0) || a - b));
    expected.push(day.indexOf(i));
  }
  assert.deepEqual([...alerts.positiveRank], expected);
});

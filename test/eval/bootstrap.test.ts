// The user bootstrap: prepared metrics equal the plain metrics on materialized resamples,
// intervals are reproducible, undefined resamples are skipped and counted, and the 95 %
// interval covers a known true value at about the nominal rate when rows within a user
// are correlated (and resampling rows instead would not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/data/synth/rng.js';
import { denseIds } from '../../src/eval/ids.js';
import {
  averagePrecision, rocAuc, userLevelAveragePrecision, DailyAlerts, normalSf,
  bootstrapCi, pairedBootstrapCi, bootstrapMeanCi, bootAveragePrecision, bootRocAuc, bootUserAveragePrecision,
  bootInsidersCaught, bootRows, dailyAlertsCaught, resampleRows, quantileSorted,
} from '../../src/eval/index.js';

/** users × days rows; insiders have a few malicious days; scores on a coarse grid so ties abound. */
interface Rows { scores: Float64Array; labels: Int32Array; users: Int32Array; days: Int32Array }

function world(seed: number, nUsers = 40, nDays = 15, insiders = 8, grid = 8): Rows {
  const rng = new Rng(seed, 99);
  const n = nUsers * nDays;
  const rows = { scores: new Float64Array(n), labels: new Int32Array(n), users: new Int32Array(n), days: new Int32Array(n) };
  for (let u = 0, i = 0; u < nUsers; u++) {
    for (let d = 0; d < nDays; d++, i++) {
      const bad = u < insiders && rng.chance(0.3) ? 1 : 0;
      rows.labels[i] = bad;
      rows.users[i] = 100 + 3 * u; // sparse-ish ids, not 0..n−1
      rows.days[i] = d;
      rows.scores[i] = Math.round((rng.normal() + 1.2 * bad) * grid) / grid;
    }
  }
  return rows;
}

test('prepared metrics equal the plain metrics on the materialized resample (ties, duplicates, absent users)', () => {
  const rng = new Rng(7, 1);
  let compared = 0;
  for (let trial = 0; trial < 30; trial++) {
    const rows = world(trial, 30, 10, 6, trial % 2 ? 2 : 8);
    const users = denseIds('t', 'user', rows.users);
    const nu = users.ids.length;
    const w = new Int32Array(nu);
    for (let i = 0; i < nu; i++) w[rng.int(nu)]++;
    const r = resampleRows(rows, users, w);
    if (!r.labels.some((l) => l > 0) || r.labels.every((l) => l > 0)) continue;
    const label = `trial ${trial}`;
    assert.equal(bootAveragePrecision(rows, users)(w), averagePrecision(r.scores, r.labels), label);
    assert.equal(bootRocAuc(rows, users)(w), rocAuc(r.scores, r.labels), label);
    assert.equal(bootUserAveragePrecision(rows, users)(w), userLevelAveragePrecision(r.scores, r.labels, r.users), label);
    for (const k of [1, 2, 5, 40]) {
      assert.equal(bootInsidersCaught(k)(rows, users)(w), new DailyAlerts(r).insidersCaught(k).fraction, `${label} k=${k}`);
      assert.equal(dailyAlertsCaught(k)(rows, users)(w), new DailyAlerts(r).insidersCaught(k).fraction);
    }
    compared++;
  }
  assert.ok(compared >= 25, `only ${compared} resamples had both classes`);
});

test('the estimate is the metric on the data; same seed same interval, another seed another', () => {
  const rows = world(3);
  const ci = bootstrapCi(rows, bootAveragePrecision, { resamples: 300, seed: 5 });
  assert.equal(ci.estimate, averagePrecision(rows.scores, rows.labels));
  assert.ok(ci.lo < ci.estimate && ci.estimate < ci.hi, JSON.stringify(ci));
  assert.deepEqual(bootstrapCi(rows, bootAveragePrecision, { resamples: 300, seed: 5 }), ci);
  assert.notDeepEqual(bootstrapCi(rows, bootAveragePrecision, { resamples: 300, seed: 6 }), ci);
  const wide = bootstrapCi(rows, bootAveragePrecision, { resamples: 300, seed: 5, level: 0.99 });
  assert.ok(wide.lo <= ci.lo && wide.hi >= ci.hi);
  assert.equal(ci.used + ci.skipped, 300);
  // The generic (materializing) path gives the same interval as the prepared one.
  const slow = bootstrapCi(rows, bootRows((r) => averagePrecision(r.scores, r.labels)), { resamples: 50, seed: 5 });
  assert.deepEqual(slow, bootstrapCi(rows, bootAveragePrecision, { resamples: 50, seed: 5 }));
});

test('resamples without an insider are skipped and counted', () => {
  const rows = world(4, 30, 10, 1); // one insider among 30 users: ~36 % of resamples miss them
  const ci = bootstrapCi(rows, bootRocAuc, { resamples: 400 });
  assert.ok(ci.skipped > 80 && ci.skipped < 220, `skipped ${ci.skipped}`);
  assert.equal(ci.used + ci.skipped, 400);
  assert.throws(() => bootstrapCi({ ...rows, labels: new Int32Array(rows.labels.length) }, bootRocAuc), /undefined on the data/);
  assert.throws(() => bootstrapCi({ ...rows, days: undefined }, bootInsidersCaught(5)), /needs days/);
  assert.throws(() => bootstrapCi(rows, bootRocAuc, { level: 95 }), /level/);
});

test('paired interval: A − A is exactly 0; a better method has an interval above 0', () => {
  const rows = world(5, 60, 15, 12);
  const same = pairedBootstrapCi(rows, rows.scores, bootAveragePrecision, { resamples: 200 });
  assert.deepEqual([same.estimate, same.lo, same.hi], [0, 0, 0]);
  const rng = new Rng(9, 2);
  const worse = rows.scores.map((s) => s + 1.5 * rng.normal());
  const d = pairedBootstrapCi(rows, worse, bootAveragePrecision, { resamples: 300 });
  assert.equal(d.estimate, averagePrecision(rows.scores, rows.labels) - averagePrecision(worse, rows.labels));
  assert.ok(d.lo > 0, JSON.stringify(d));
});

test('mean over seeds: one set is the plain interval; the estimate is the mean; averaging seeds narrows it; paired A − A is 0', () => {
  const a = world(21, 60, 15, 12), b = world(22, 60, 15, 12), c = world(23, 60, 15, 12);
  const one = bootstrapMeanCi([a], bootAveragePrecision, { resamples: 300, seed: 4 });
  const plain = bootstrapCi(a, bootAveragePrecision, { resamples: 300, seed: 4 });
  assert.deepEqual([one.estimate, one.lo, one.hi], [plain.estimate, plain.lo, plain.hi]);
  const three = bootstrapMeanCi([a, b, c], bootAveragePrecision, { resamples: 300, seed: 4 });
  const ap = [a, b, c].map((r) => averagePrecision(r.scores, r.labels));
  assert.ok(Math.abs(three.estimate - (ap[0]! + ap[1]! + ap[2]!) / 3) < 1e-12);
  assert.ok(three.hi - three.lo < plain.hi - plain.lo, `${three.hi - three.lo} vs ${plain.hi - plain.lo}`);
  const same = bootstrapMeanCi([a, b], bootAveragePrecision, { resamples: 100 }, [a.scores, b.scores]);
  assert.deepEqual([same.estimate, same.lo, same.hi], [0, 0, 0]);
  assert.throws(() => bootstrapMeanCi([a, b], bootAveragePrecision, {}, [a.scores]), /2 sets/);
});

test('percentile interpolation matches NumPy (linear)', () => {
  assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantileSorted([1, 2, 3, 4, 5], 0.025), 1.1);
  assert.equal(quantileSorted([7], 0.975), 7);
});

/**
 * Users with a random effect shared by all their rows; insiders' rows shifted by delta.
 * Pairs always come from different users, so the expected ROC-AUC is exactly
 * Φ(delta / sqrt(2 (1 + sdUser²))).
 */
function clustered(rng: Rng, nUsers: number, rowsPerUser: number, insiders: number, delta: number, sdUser: number): Rows {
  const n = nUsers * rowsPerUser;
  const rows = { scores: new Float64Array(n), labels: new Int32Array(n), users: new Int32Array(n), days: new Int32Array(n) };
  for (let u = 0, i = 0; u < nUsers; u++) {
    const b = sdUser * rng.normal(), bad = u < insiders ? 1 : 0;
    for (let j = 0; j < rowsPerUser; j++, i++) {
      rows.scores[i] = delta * bad + b + rng.normal();
      rows.labels[i] = bad;
      rows.users[i] = u;
      rows.days[i] = j;
    }
  }
  return rows;
}

test('coverage: the 95 % user-bootstrap interval of ROC-AUC covers the true value in about 95 % of 200 simulated data sets', () => {
  const delta = 1, sdUser = 1;
  const truth = 1 - normalSf(delta / Math.sqrt(2 * (1 + sdUser * sdUser)));
  const rng = new Rng(2024, 3);
  let byUser = 0, byRow = 0;
  const sims = 200;
  for (let s = 0; s < sims; s++) {
    const rows = clustered(rng, 60, 10, 20, delta, sdUser);
    const ci = bootstrapCi(rows, bootRocAuc, { resamples: 400, seed: s });
    if (ci.lo <= truth && truth <= ci.hi) byUser++;
    // Treating rows as independent (each row its own user) ignores the clustering.
    const naive = bootstrapCi({ ...rows, users: Int32Array.from(rows.users, (_, i) => i) }, bootRocAuc, { resamples: 400, seed: s });
    if (naive.lo <= truth && truth <= naive.hi) byRow++;
  }
  // Binomial sd of the coverage over 200 runs is 1.5 points at 95 %.
  assert.ok(byUser / sims >= 0.9 && byUser / sims <= 0.985, `user bootstrap covered ${byUser}/${sims}`);
  assert.ok(byRow / sims < 0.75, `row bootstrap covered ${byRow}/${sims}: the simulation cannot tell them apart`);
});

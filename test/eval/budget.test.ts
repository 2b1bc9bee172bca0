// Alert-budget, user-level and per-scenario metrics on a table small enough to count by
// hand. Four users (0..3) over three days (10, 11, 12); scores, with malicious rows marked
// by their scenario number:
//
//            day 10   day 11     day 12
//   user 0    .9       .5         .2
//   user 1    .1       .4 (s1)    .8 (s1)
//   user 2    .2       .1         .3 (s2)
//   user 3    .3       .6         .7
//
// Ranks within each day (0 = top): day 11 → u3, u0, u1, u2; day 12 → u1, u3, u2, u0.
// Malicious user-days: (u1, 11) rank 2, (u1, 12) rank 0, (u2, 12) rank 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DailyAlerts, recallAtBudget, insidersCaughtAtBudget, daysToDetection, cumulativeRecallAtBudget,
  perScenario, userLevelRocAuc, evaluateDetection,
} from '../../src/eval/index.js';

const near = (a: number, b: number, msg = '') => assert.ok(Math.abs(a - b) < 1e-12, `${msg} ${a} vs ${b}`);

// Rows listed day by day, user by user.
const users = Int32Array.from([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
const days = Int32Array.from([10, 10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 12]);
const scores = Float64Array.from([0.9, 0.1, 0.2, 0.3, 0.5, 0.4, 0.1, 0.6, 0.2, 0.8, 0.3, 0.7]);
const labels = Int32Array.from([0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 2, 0]);
const rows = { scores, labels, users, days };

test('ranks of malicious user-days within their day follow the table', () => {
  const a = new DailyAlerts(rows);
  // Malicious rows 5 (u1, 11), 9 (u1, 12), 10 (u2, 12).
  assert.deepEqual([...a.positives], [5, 9, 10]);
  assert.deepEqual([...a.positiveRank], [2, 0, 2]);
  assert.deepEqual([...a.rowsPerDay], [4, 4, 4]);
  assert.equal(a.insiders, 2);
});

test('recall at budget: k = 1 and 2 alert only (u1, 12); k = 3 alerts all three malicious user-days', () => {
  near(recallAtBudget(rows, 1), 1 / 3);
  near(recallAtBudget(rows, 2), 1 / 3);
  near(recallAtBudget(rows, 3), 1);
  const a = new DailyAlerts(rows);
  assert.equal(a.alerts(3), 9); // three per day
  near(a.alertPrecision(3), 3 / 9);
  assert.equal(a.alerts(10), 12); // a day cannot raise more alerts than it has rows
});

test('insiders caught: u1 at k = 1 (via day 12); both at k = 3', () => {
  assert.deepEqual(insidersCaughtAtBudget(rows, 1), { caught: 1, insiders: 2, fraction: 0.5 });
  assert.deepEqual(insidersCaughtAtBudget(rows, 3), { caught: 2, insiders: 2, fraction: 1 });
});

test('days to detection: u1 starts on day 11 but is first alerted on day 12 at k = 1; u2 is missed', () => {
  assert.deepEqual(daysToDetection(rows, 1), [
    { user: 1, firstMaliciousDay: 11, firstDetectedDay: 12, daysToDetection: 1 },
    { user: 2, firstMaliciousDay: 12, firstDetectedDay: null, daysToDetection: null },
  ]);
  assert.deepEqual(daysToDetection(rows, 3).map((d) => d.daysToDetection), [0, 0]);
});

test('cumulative recall sums R(b) over b = step, 2·step, …, k (Tuor et al.)', () => {
  // R(1) = R(2) = 1/3, R(3) = R(4) = 1.
  const byOne = cumulativeRecallAtBudget(rows, 4, 1);
  near(byOne.value, 1 / 3 + 1 / 3 + 1 + 1);
  near(byOne.normalized, (8 / 3) / 4);
  const byTwo = cumulativeRecallAtBudget(rows, 4, 2);
  near(byTwo.value, 1 / 3 + 1);
  near(byTwo.normalized, 2 / 3);
  // The paper's step of 25: every budget >= 4 catches everything here, so CR-50 = 2, its maximum.
  assert.deepEqual(cumulativeRecallAtBudget(rows, 50), { k: 50, step: 25, value: 2, normalized: 1 });
  assert.throws(() => cumulativeRecallAtBudget(rows, 30), /budget 30 is not a multiple of the step 25/);
});

test('ties at the cut go against detection, whatever the row order', () => {
  // One day, a benign and a malicious row with the same score, budget 1.
  const tie = (order: number[]) => recallAtBudget({
    scores: [0.5, 0.5], labels: order, users: [0, 1], days: [3, 3],
  }, 1);
  assert.equal(tie([0, 1]), 0);
  assert.equal(tie([1, 0]), 0);
  // A constant scorer catches nothing until the budget covers the whole day.
  const flat = { scores: new Float64Array(8).fill(1), labels: [0, 1, 0, 0, 0, 0, 1, 0], users: [0, 1, 2, 3, 0, 1, 2, 3], days: [0, 0, 0, 0, 1, 1, 1, 1] };
  assert.equal(recallAtBudget(flat, 3), 0);
  assert.equal(recallAtBudget(flat, 4), 1);
});

test('sparse and negative user and day ids work', () => {
  const far = { ...rows, users: Int32Array.from(users, (u) => u * 1_000_000 - 7), days: Int32Array.from(days, (d) => d - 1_000_000) };
  near(recallAtBudget(far, 1), 1 / 3);
  assert.deepEqual(daysToDetection(far, 1).map((d) => [d.user, d.daysToDetection]), [[999_993, 1], [1_999_993, null]]);
});

test('user level: max scores u0 .9, u1 .8 (insider), u2 .3 (insider), u3 .7 → AUC 1/4', () => {
  // Insider-benign pairs: (.8, .9) lose, (.8, .7) win, (.3, .9) lose, (.3, .7) lose.
  near(userLevelRocAuc(scores, labels, users), 1 / 4);
});

test('per scenario: each scenario against all benign rows, other scenarios left out', () => {
  const [s1, s2] = perScenario(rows, { budgets: [1, 2] });
  // Scenario 1 (u1 on days 11, 12): with (u2, 12) removed, day 12 ranks u1, u3, u0.
  assert.equal(s1.scenario, 1);
  assert.equal(s1.positives, 2);
  // Benign scores .9 .1 .2 .3 .5 .1 .6 .2 .7: .8 beats 8 of 9, .4 beats 5 → 13/18.
  near(s1.rocAuc, 13 / 18);
  assert.deepEqual(s1.budgets, [{ k: 1, recall: 0.5, insidersCaught: 1, insiders: 1 }, { k: 2, recall: 0.5, insidersCaught: 1, insiders: 1 }]);
  // Scenario 2 (u2 on day 12): without u1's row, day 12 ranks u3 (.7), u2 (.3), u0 (.2).
  assert.equal(s2.scenario, 2);
  // .3 beats .1 .2 .1 .2 and ties one .3 → 4.5 / 9.
  near(s2.rocAuc, 0.5);
  assert.deepEqual(s2.budgets, [{ k: 1, recall: 0, insidersCaught: 0, insiders: 1 }, { k: 2, recall: 1, insidersCaught: 1, insiders: 1 }]);
  // 5% of 9 negatives is 0.45: no false positive allowed, but the top score (.9) is benign.
  assert.deepEqual(s2.detectionRateAtFpr, [{ maxFpr: 0.05, detectionRate: 0, falsePositiveRate: 0, threshold: null }]);
});

test('evaluateDetection gathers everything into one JSON-safe object', () => {
  const r = evaluateDetection({ ...rows, budgets: [1, 3], cumulativeRecallBudgets: [25], threshold: 0.75, curvePoints: 5 });
  // Round-tripping through JSON changes nothing: no NaN, Infinity or undefined inside.
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
  assert.equal(r.rows, 12);
  assert.equal(r.positives, 3);
  assert.equal(r.userLevel?.insiders, 2);
  near(r.userLevel!.rocAuc, 1 / 4);
  assert.equal(r.budgets?.days, 3);
  const [k1, k3] = r.budgets!.daily;
  near(k1.recall, 1 / 3);
  assert.equal(k1.insidersCaught, 1);
  assert.equal(k1.daysToDetection.medianDays, 1);
  near(k3.recall, 1);
  assert.equal(k3.daysToDetection.meanDays, 0);
  assert.deepEqual(r.budgets!.cumulativeRecall, [{ k: 25, step: 25, value: 1, normalized: 1 }]);
  assert.deepEqual(r.perScenario.map((s) => s.scenario), [1, 2]);
  // Flagging >= .75 catches only (u1, 12) and the benign .9.
  assert.deepEqual({ ...r.overall.atThreshold }, { threshold: 0.75, precision: 0.5, recall: 1 / 3, f1: 0.4, tp: 1, fp: 1, fn: 2, tn: 8 });
  assert.ok(r.curves!.roc.fpr.length <= 5);
  assert.equal(r.curves!.roc.thresholds[0], null); // +Infinity, written as null
  // Without users and days the budget and user-level parts are simply absent.
  const plain = evaluateDetection({ scores, labels });
  assert.equal(plain.budgets, undefined);
  assert.equal(plain.userLevel, undefined);
  assert.equal(plain.perScenario.length, 2);
});

test('only() keeps a subset of malicious rows and drops the others from the days', () => {
  const all = new DailyAlerts(rows);
  const s2 = all.only((i) => labels[i] === 2);
  assert.deepEqual([...s2.positives], [10]);
  assert.deepEqual([...s2.positiveRank], [1]); // day 12 without u1: u3 (.7), u2 (.3), u0 (.2)
  assert.deepEqual([...s2.rowsPerDay], [4, 3, 3]);
  assert.equal(s2.insiders, 1);
  assert.throws(() => all.only(() => false), /none selected as malicious/);
});

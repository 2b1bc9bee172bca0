// Row-level metrics against scikit-learn (test/fixtures/metrics/reference.json, written by
// scripts/fixtures/metrics_reference.py). Inputs are stored in the JSON, so nothing here
// regenerates random numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertClose } from '../helpers/close.js';
import {
  rocAuc, averagePrecision, rocCurve, prCurve, precisionRecallF1, detectionRateAtFpr,
  userLevelRocAuc, userLevelAveragePrecision,
} from '../../src/eval/index.js';

interface Curve { [k: string]: number[] }
interface RefCase {
  name: string;
  scores: number[];
  labels: number[];
  users?: number[];
  rocAuc: number;
  averagePrecision: number;
  roc: Curve;
  rocAll: Curve;
  pr: Curve;
  atThreshold: { threshold: number; precision: number; recall: number; f1: number }[];
  detectionRateAtFpr: { fpr: number; detectionRate: number }[];
  userLevel?: { rocAuc: number; averagePrecision: number };
}

const ref = JSON.parse(readFileSync(new URL('../fixtures/metrics/reference.json', import.meta.url), 'utf8')) as { cases: RefCase[] };
// Sums are taken in a different order than NumPy's, so allow rounding, nothing more.
const tol = { atol: 1e-12, rtol: 1e-12 };

test('the reference covers the intended cases', () => {
  assert.ok(ref.cases.length >= 12, `${ref.cases.length} cases`);
});

for (const c of ref.cases) {
  const scores = Float64Array.from(c.scores);
  const labels = Int32Array.from(c.labels);

  test(`${c.name}: ROC-AUC and average precision match scikit-learn`, () => {
    assertClose(rocAuc(scores, labels), c.rocAuc, tol, 'rocAuc');
    assertClose(averagePrecision(scores, labels), c.averagePrecision, tol, 'averagePrecision');
    // Plain arrays work as well as typed ones.
    assertClose(rocAuc(c.scores, c.labels), c.rocAuc, tol, 'rocAuc (arrays)');
  });

  test(`${c.name}: ROC curve matches roc_curve (with and without drop_intermediate)`, () => {
    for (const [mine, theirs] of [[rocCurve(scores, labels), c.roc], [rocCurve(scores, labels, { dropIntermediate: false }), c.rocAll]] as const) {
      assertClose(mine.fpr, theirs.fpr, tol, 'fpr');
      assertClose(mine.tpr, theirs.tpr, tol, 'tpr');
      // scikit-learn 1.2 writes max score + 1 as the first threshold, 1.3+ writes inf; we write inf.
      assert.equal(mine.thresholds[0], Infinity);
      assertClose(mine.thresholds.subarray(1), theirs.thresholds.slice(1), { atol: 0, rtol: 0 }, 'thresholds');
    }
  });

  test(`${c.name}: PR curve matches precision_recall_curve`, () => {
    const pr = prCurve(scores, labels);
    assertClose(pr.precision, c.pr.precision, tol, 'precision');
    assertClose(pr.recall, c.pr.recall, tol, 'recall');
    assertClose(pr.thresholds, c.pr.thresholds, { atol: 0, rtol: 0 }, 'thresholds');
  });

  test(`${c.name}: precision/recall/F1 at thresholds and detection rate at FPR limits`, () => {
    for (const a of c.atThreshold) {
      const m = precisionRecallF1(scores, labels, a.threshold);
      assertClose([m.precision, m.recall, m.f1], [a.precision, a.recall, a.f1], tol, `threshold ${a.threshold}`);
      assert.equal(m.tp + m.fp + m.fn + m.tn, scores.length);
    }
    for (const d of c.detectionRateAtFpr) {
      assertClose(detectionRateAtFpr(scores, labels, d.fpr), d.detectionRate, tol, `DR at FPR ${d.fpr}`);
    }
  });

  if (c.users && c.userLevel) {
    const users = Int32Array.from(c.users);
    test(`${c.name}: user-level ROC-AUC and AP (max score per user) match`, () => {
      assertClose(userLevelRocAuc(scores, labels, users), c.userLevel!.rocAuc, tol, 'user rocAuc');
      assertClose(userLevelAveragePrecision(scores, labels, users), c.userLevel!.averagePrecision, tol, 'user AP');
    });
  }
}

// Bad input fails loudly, naming what is wrong, instead of producing NaN or a number
// that would end up in a comparison table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  rocAuc, averagePrecision, rocCurve, prCurve, precisionRecallF1, detectionRateAtFpr,
  userLevelRocAuc, recallAtBudget, cumulativeRecallAtBudget, perScenario, evaluateDetection,
} from '../../src/eval/index.js';

test('a single class is an error, not NaN', () => {
  assert.throws(() => rocAuc([0.1, 0.2, 0.3], [0, 0, 0]), /^Error: ROC-AUC needs both classes: got 3 rows, all negative$/);
  assert.throws(() => rocAuc([0.1, 0.2], [1, 3]), /ROC-AUC needs both classes: got 2 rows, all positive/);
  assert.throws(() => averagePrecision([0.1, 0.2], [0, 0]), /average precision needs both classes/);
  assert.throws(() => rocCurve([0.1], [1]), /ROC curve needs both classes: got 1 rows, all positive/);
  assert.throws(() => prCurve([0.1], [0]), /PR curve needs both classes/);
  assert.throws(() => precisionRecallF1([0.1, 0.2], [0, 0], 0.5), /needs both classes/);
  assert.throws(() => detectionRateAtFpr([0.1, 0.2], [1, 1], 0.05), /needs both classes/);
  // Every user an insider: rows have both classes, users do not.
  assert.throws(() => userLevelRocAuc([0.1, 0.2, 0.3], [1, 0, 1], [0, 0, 1]), /user-level ROC-AUC needs both classes: got 2 users, all positive/);
  assert.throws(() => recallAtBudget({ scores: [1, 2], labels: [0, 0], users: [0, 1], days: [0, 0] }, 1), /alert budget needs malicious user-days/);
  assert.throws(() => evaluateDetection({ scores: [1, 2], labels: [0, 0] }), /evaluateDetection needs both classes/);
  assert.throws(() => perScenario({ scores: [1, 2], labels: [1, 2] }), /per-scenario metrics needs both classes: got 2 rows, all positive/);
});

test('NaN scores and labels name the row', () => {
  assert.throws(() => rocAuc([0.1, 0.2, NaN, 0.4], [0, 1, 0, 1]), /ROC-AUC: score at row 2 is NaN/);
  assert.throws(() => averagePrecision(Float32Array.from([NaN, 1]), [0, 1]), /score at row 0 is NaN/);
  assert.throws(() => rocAuc([0.1, 0.2], [0, NaN]), /label at row 1 is NaN/);
  assert.throws(() => recallAtBudget({ scores: [1, NaN], labels: [0, 1], users: [0, 1], days: [0, 0] }, 1), /score at row 1 is NaN/);
  assert.throws(() => evaluateDetection({ scores: [1, NaN], labels: [0, 1] }), /score at row 1 is NaN/);
  assert.throws(() => precisionRecallF1([1, 2], [0, 1], NaN), /threshold is NaN/);
});

test('empty input and length mismatches', () => {
  assert.throws(() => rocAuc([], []), /ROC-AUC: no rows \(empty input\)/);
  assert.throws(() => rocAuc([0.1, 0.2, 0.3], [0, 1]), /ROC-AUC: labels has 2 rows, scores has 3/);
  assert.throws(() => userLevelRocAuc([0.1, 0.2], [0, 1], [0]), /users has 1 rows, scores has 2/);
  assert.throws(() => recallAtBudget({ scores: [1, 2], labels: [0, 1], users: [0, 1], days: [0] }, 1), /days has 1 rows, scores has 2/);
  assert.throws(() => evaluateDetection({ scores: [1, 2], labels: [0, 1], users: [0, 1, 2] }), /users has 3 rows/);
});

test('bad parameters and non-integer ids', () => {
  const rows = { scores: [1, 2, 3], labels: [0, 1, 0], users: [0, 1, 2], days: [5, 5, 5] };
  assert.throws(() => recallAtBudget(rows, 0), /alert budget must be a positive integer, got 0/);
  assert.throws(() => recallAtBudget(rows, 2.5), /positive integer, got 2.5/);
  assert.throws(() => cumulativeRecallAtBudget(rows, 10, 4), /budget 10 is not a multiple of the step 4/);
  assert.throws(() => recallAtBudget({ ...rows, users: [0, 1.5, 2] }, 1), /user at row 1 is 1.5, expected an integer/);
  assert.throws(() => recallAtBudget({ ...rows, days: [5, 5, NaN] }, 1), /day at row 2 is NaN, expected an integer/);
  assert.throws(() => perScenario({ scores: [1, 2], labels: [0, 0.5] }), /label \(scenario number\) at row 1 is 0.5/);
  assert.throws(() => detectionRateAtFpr([1, 2], [0, 1], 1.5), /FPR limit must be in \[0, 1\], got 1.5/);
  assert.throws(() => rocCurve([1, 2], [0, 1], { maxPoints: 1 }), /maxPoints must be an integer >= 2, got 1/);
});

// User-level detection: an analyst investigates people, not rows, so each user gets one
// score (the maximum over their rows: one alarming day is enough to look at someone)
// and one label (insider if any of their rows is malicious).
import { checkLengths, checkScores, countClasses } from './validate.js';
import { denseIds } from './ids.js';
import { rocAuc, averagePrecision } from './auc.js';

export interface UserScores {
  /** Original user ids, ascending. */
  users: Float64Array;
  /** Max row score per user. */
  scores: Float64Array;
  /** 1 if any row of the user is positive (label > 0), else 0. */
  labels: Uint8Array;
}

/** Collapses rows to one score and one label per user. */
export function userScores(scores: ArrayLike<number>, labels: ArrayLike<number>, users: ArrayLike<number>): UserScores {
  checkLengths('user-level scores', scores, { labels, users });
  checkScores('user-level scores', scores);
  countClasses('user-level scores', labels, false);
  const { index, ids } = denseIds('user-level scores', 'user', users);
  const best = new Float64Array(ids.length).fill(-Infinity);
  const insider = new Uint8Array(ids.length);
  for (let i = 0; i < scores.length; i++) {
    const u = index[i];
    if (scores[i] > best[u]) best[u] = scores[i];
    if (labels[i] > 0) insider[u] = 1;
  }
  return { users: ids, scores: best, labels: insider };
}

/** ROC-AUC over users (max score per user, insider if any positive row). */
export function userLevelRocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>, users: ArrayLike<number>): number {
  const u = userScores(scores, labels, users);
  countClasses('user-level ROC-AUC', u.labels, true, 'users');
  return rocAuc(u.scores, u.labels);
}

/** Average precision over users (max score per user, insider if any positive row). */
export function userLevelAveragePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>, users: ArrayLike<number>): number {
  const u = userScores(scores, labels, users);
  countClasses('user-level average precision', u.labels, true, 'users');
  return averagePrecision(u.scores, u.labels);
}

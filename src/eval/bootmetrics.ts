// Metrics prepared for the user bootstrap (bootstrap.ts): each sorts the rows once, then
// evaluates a resample — a multiplicity per user — in one linear pass, giving exactly what
// the plain metric gives on the resampled rows laid out by resampleRows (a user drawn
// twice counts as two users). That identity is what test/eval/bootstrap.test.ts checks.
import { DailyAlerts } from './budget.js';
import type { DenseIds } from './ids.js';
import type { BootMetric, BootstrapRows, ResampledMetric } from './bootstrap.js';

/** Row indices by descending score, ties in row order; and where each tie group ends. */
function byScore(scores: ArrayLike<number>): { order: Int32Array; groupEnd: Uint8Array } {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const groupEnd = new Uint8Array(order.length);
  for (let p = 0; p < order.length; p++) groupEnd[p] = p + 1 === order.length || scores[order[p + 1]] !== scores[order[p]] ? 1 : 0;
  return { order, groupEnd };
}

/**
 * Both ranking metrics in one weighted pass over tie groups, with the same floating-point
 * form as auc.ts, so all-ones weights reproduce it bit for bit. The class totals P and N
 * come first (from per-user counts). The loop is written out per metric, not with a step
 * callback (a shared polymorphic callback made it 2–5 times slower), and without a branch on
 * the label (an unpredictable one per row).
 */
function rankingMetric(rows: BootstrapRows, users: DenseIds, kind: 'ap' | 'auc'): ResampledMetric {
  const { order, groupEnd } = byScore(rows.scores);
  const n = order.length, nu = users.ids.length;
  const user = new Int32Array(n), pos = new Uint8Array(n);
  const posOf = new Float64Array(nu), negOf = new Float64Array(nu);
  for (let p = 0; p < n; p++) {
    user[p] = users.index[order[p]];
    pos[p] = rows.labels[order[p]] > 0 ? 1 : 0;
    if (pos[p]) posOf[user[p]]++;
    else negOf[user[p]]++;
  }
  return (w) => {
    let P = 0, N = 0;
    for (let u = 0; u < nu; u++) {
      P += w[u] * posOf[u];
      N += w[u] * negOf[u];
    }
    if (P === 0 || N === 0) return NaN;
    let tp = 0, fp = 0, tp0 = 0, fp0 = 0, acc = 0;
    if (kind === 'ap') {
      for (let p = 0; p < n; p++) {
        const x = w[user[p]], y = x * pos[p];
        tp += y;
        fp += x - y;
        if (groupEnd[p] && tp !== tp0) {
          acc += ((tp - tp0) / P) * (tp / (tp + fp));
          tp0 = tp;
        }
      }
      return acc;
    }
    for (let p = 0; p < n; p++) {
      const x = w[user[p]], y = x * pos[p];
      tp += y;
      fp += x - y;
      if (groupEnd[p]) {
        acc += (fp - fp0) * (tp + tp0);
        tp0 = tp;
        fp0 = fp;
      }
    }
    return acc / (2 * P * N);
  };
}

/** Average precision (scikit-learn's, ties as one step) of the resampled rows. */
export const bootAveragePrecision: BootMetric = (rows, users) => rankingMetric(rows, users, 'ap');

/** ROC-AUC (ties half credit) of the resampled rows. */
export const bootRocAuc: BootMetric = (rows, users) => rankingMetric(rows, users, 'auc');

/** User-level average precision: user score = max of their rows, insider = any malicious row. */
export const bootUserAveragePrecision: BootMetric = (rows, users) => {
  const nu = users.ids.length;
  const score = new Float64Array(nu).fill(-Infinity), insider = new Uint8Array(nu);
  for (let i = 0; i < rows.scores.length; i++) {
    const u = users.index[i];
    if (rows.scores[i] > score[u]) score[u] = rows.scores[i];
    if (rows.labels[i] > 0) insider[u] = 1;
  }
  const perUser = { scores: score, labels: insider, users: Int32Array.from({ length: nu }, (_, u) => u) };
  const identity = { index: perUser.users, ids: Float64Array.from(perUser.users) };
  return bootAveragePrecision(perUser, identity);
};

/**
 * Share of insiders caught with k alerts a day (DailyAlerts' rule: each day the top k
 * user-days, ties broken score, then benign first, then row order). Copy c of a drawn user
 * sees, ahead of each of their malicious rows, the weighted rows ranked before it on its
 * day (R0) plus their own c earlier copies of that row, so they are caught iff
 * c < k − min R0 over their malicious rows.
 */
export function bootInsidersCaught(k: number): BootMetric {
  if (!Number.isInteger(k) || k < 1) throw new Error(`alert budget must be a positive integer, got ${k}`);
  return (rows, users) => {
    const { scores, labels, days } = rows;
    if (!days) throw new Error('insiders caught at a daily budget needs days');
    const n = scores.length, nu = users.ids.length;
    const bad = (i: number) => (labels[i] > 0 ? 1 : 0);
    const order = Int32Array.from({ length: n }, (_, i) => i)
      .sort((a, b) => days[a] - days[b] || scores[b] - scores[a] || bad(a) - bad(b) || a - b);
    const user = new Int32Array(n), pos = new Uint8Array(n), dayStart = new Uint8Array(n);
    const insider = new Uint8Array(nu);
    for (let p = 0; p < n; p++) {
      const i = order[p];
      user[p] = users.index[i];
      pos[p] = bad(i);
      if (pos[p]) insider[user[p]] = 1;
      dayStart[p] = p === 0 || days[i] !== days[order[p - 1]] ? 1 : 0;
    }
    const minAhead = new Float64Array(nu);
    return (w) => {
      minAhead.fill(k);
      let ahead = 0;
      for (let p = 0; p < n; p++) {
        if (dayStart[p]) ahead = 0;
        // Rows further down a full day cannot be alerts; a skip loop would cost as much.
        if (ahead >= k) continue;
        const u = user[p];
        if (pos[p] && ahead < minAhead[u]) minAhead[u] = ahead;
        ahead += w[u];
      }
      let caught = 0, total = 0;
      for (let u = 0; u < nu; u++) {
        if (!insider[u]) continue;
        total += w[u];
        caught += Math.min(w[u], k - minAhead[u]);
      }
      return total === 0 ? NaN : caught / total;
    };
  };
}

/**
 * The rows of a resample, laid out row by row with each row repeated weights[user] times
 * in place; copy c of dense user u gets the user id c·users + u, so a user drawn twice is
 * two users. For metrics without a prepared form (slow: it builds every resample).
 */
export interface ResampledRows { scores: Float64Array; labels: Float64Array; users: Float64Array; days: Float64Array }

export function resampleRows(rows: BootstrapRows, users: DenseIds, weights: Int32Array): ResampledRows {
  const nu = users.ids.length;
  let m = 0;
  for (let i = 0; i < rows.scores.length; i++) m += weights[users.index[i]];
  const out = { scores: new Float64Array(m), labels: new Float64Array(m), users: new Float64Array(m), days: new Float64Array(m) };
  for (let i = 0, q = 0; i < rows.scores.length; i++) {
    const u = users.index[i];
    for (let c = 0; c < weights[u]; c++, q++) {
      out.scores[q] = rows.scores[i];
      out.labels[q] = rows.labels[i];
      out.users[q] = c * nu + u;
      out.days[q] = rows.days ? rows.days[i] : 0;
    }
  }
  return out;
}

/** Any metric over materialized resampled rows (e.g. a DailyAlerts reading); NaN or a throw on one class counts as undefined. */
export function bootRows(metric: (rows: ResampledRows) => number): BootMetric {
  return (rows, users) => (w) => {
    const r = resampleRows(rows, users, w);
    let pos = 0;
    for (let i = 0; i < r.labels.length; i++) if (r.labels[i] > 0) pos++;
    if (pos === 0 || pos === r.labels.length) return NaN;
    return metric(r);
  };
}

/** Convenience for bootRows: insiders caught at k alerts a day via DailyAlerts itself. */
export const dailyAlertsCaught = (k: number) => bootRows((r) => new DailyAlerts(r).insidersCaught(k).fraction);

// Alert-budget metrics over (user, day) rows. An analyst can investigate k user-days a
// day, so each day the k highest-scoring user-days of that day become alerts; what
// matters is how many malicious user-days and how many insiders those alerts reach, and
// how soon. Ranking is done once (DailyAlerts) and every budget is read off it.
//
// Tie rule: within a day, rows are ordered by score descending, then benign before
// malicious, then by row index. Breaking ties against detection means a model that gives
// many rows the same score (a saturated or constant scorer) is not credited with
// malicious rows it did not actually rank above benign ones, and results do not depend
// on row order.
//
// Cumulative recall follows Tuor et al. 2017, "Deep Learning for Unsupervised Insider
// Threat Detection in Structured Cybersecurity Data Streams" (arXiv:1710.00811): with
// R(b) the fraction of malicious user-days within the top b of their day,
//   CR-k = Σ_{j=1..k/25} R(25·j),
// the recall summed over daily budgets 25, 50, …, k — a Riemann sum of the recall-vs-
// budget curve. Its maximum is k/25 (16 for CR-400, 40 for CR-1000), so it is only
// comparable between runs with the same k and step. The normalised variant divides by
// k/step, giving a value in [0, 1] (1 = every malicious user-day ranked first on its day).
import { checkLengths, checkScores, countClasses } from './validate.js';
import { denseIds } from './ids.js';

export interface UserDayRows {
  scores: ArrayLike<number>;
  /** > 0 malicious (a scenario number is fine), <= 0 benign. */
  labels: ArrayLike<number>;
  /** User index per row (any integers). */
  users: ArrayLike<number>;
  /** Day number per row (any integers; consecutive days differ by 1). */
  days: ArrayLike<number>;
}

export interface InsidersCaught {
  /** Insiders with at least one alert on one of their malicious days. */
  caught: number;
  /** Users with at least one malicious row. */
  insiders: number;
  /** caught / insiders. */
  fraction: number;
}

export interface InsiderDetection {
  user: number;
  firstMaliciousDay: number;
  /** First day on which one of the insider's malicious user-days was alerted; null if never. */
  firstDetectedDay: number | null;
  /** firstDetectedDay − firstMaliciousDay in days; null if never caught within the budget. */
  daysToDetection: number | null;
}

export interface CumulativeRecall {
  k: number;
  step: number;
  /** Tuor et al.'s CR-k, in [0, k/step]. */
  value: number;
  /** value / (k/step), in [0, 1]. */
  normalized: number;
}

export class DailyAlerts {
  /** Position of each row within its day under the tie rule above (0 = top). */
  readonly rank: Int32Array;
  /** Row indices of malicious user-days. */
  readonly positives: Int32Array;
  /** Number of rows per day (dense day order) — alerts per day are min(k, this). */
  readonly rowsPerDay: Int32Array;
  readonly insiders: number;
  private readonly userIndex: Int32Array;
  private readonly userIds: Float64Array;
  private readonly days: ArrayLike<number>;

  constructor(rows: UserDayRows) {
    const what = 'alert budget';
    const { scores, labels, users, days } = rows;
    checkLengths(what, scores, { labels, users, days });
    checkScores(what, scores);
    const { positives } = countClasses(what, labels, false);
    if (positives === 0) throw new Error(`${what} needs malicious user-days: got ${labels.length} rows, all negative`);
    const u = denseIds(what, 'user', users);
    const d = denseIds(what, 'day', days);
    this.userIndex = u.index;
    this.userIds = u.ids;
    this.days = days;

    // Bucket rows by day (counting sort, stable), then sort each day's rows.
    const n = scores.length, nd = d.ids.length;
    const start = new Int32Array(nd + 1);
    for (let i = 0; i < n; i++) start[d.index[i] + 1]++;
    for (let j = 0; j < nd; j++) start[j + 1] += start[j];
    this.rowsPerDay = new Int32Array(nd);
    for (let j = 0; j < nd; j++) this.rowsPerDay[j] = start[j + 1] - start[j];
    const order = new Int32Array(n);
    const fill = start.slice(0, nd);
    for (let i = 0; i < n; i++) order[fill[d.index[i]]++] = i;
    const byRank = (a: number, b: number): number => {
      const sa = scores[a], sb = scores[b];
      if (sa !== sb) return sa > sb ? -1 : 1;
      const pa = labels[a] > 0 ? 1 : 0, pb = labels[b] > 0 ? 1 : 0;
      return pa !== pb ? pa - pb : a - b;
    };
    this.rank = new Int32Array(n);
    for (let j = 0; j < nd; j++) {
      const day = order.subarray(start[j], start[j + 1]);
      day.sort(byRank);
      for (let r = 0; r < day.length; r++) this.rank[day[r]] = r;
    }

    this.positives = new Int32Array(positives);
    const isInsider = new Uint8Array(u.ids.length);
    for (let i = 0, p = 0; i < n; i++) {
      if (labels[i] > 0) {
        this.positives[p++] = i;
        isInsider[u.index[i]] = 1;
      }
    }
    this.insiders = isInsider.reduce((s, x) => s + x, 0);
  }

  /** Fraction of malicious user-days among the top k of their day. */
  recall(k: number): number {
    checkBudget(k);
    let hit = 0;
    for (const i of this.positives) if (this.rank[i] < k) hit++;
    return hit / this.positives.length;
  }

  /** Alerts raised over all days with a daily budget of k (days with fewer rows raise fewer). */
  alerts(k: number): number {
    checkBudget(k);
    let a = 0;
    for (const m of this.rowsPerDay) a += Math.min(k, m);
    return a;
  }

  /** Fraction of alerts that are malicious user-days. */
  alertPrecision(k: number): number {
    return (this.recall(k) * this.positives.length) / this.alerts(k);
  }

  insidersCaught(k: number): InsidersCaught {
    checkBudget(k);
    const caught = new Uint8Array(this.userIds.length);
    for (const i of this.positives) if (this.rank[i] < k) caught[this.userIndex[i]] = 1;
    const c = caught.reduce((s, x) => s + x, 0);
    return { caught: c, insiders: this.insiders, fraction: c / this.insiders };
  }

  /** Per insider (ascending user id): days from the first malicious day to the first alerted malicious day. */
  daysToDetection(k: number): InsiderDetection[] {
    checkBudget(k);
    const nu = this.userIds.length;
    const first = new Float64Array(nu).fill(Infinity);
    const detected = new Float64Array(nu).fill(Infinity);
    for (const i of this.positives) {
      const u = this.userIndex[i], day = this.days[i];
      if (day < first[u]) first[u] = day;
      if (this.rank[i] < k && day < detected[u]) detected[u] = day;
    }
    const out: InsiderDetection[] = [];
    for (let u = 0; u < nu; u++) {
      if (first[u] === Infinity) continue;
      const hit = detected[u] !== Infinity;
      out.push({
        user: this.userIds[u],
        firstMaliciousDay: first[u],
        firstDetectedDay: hit ? detected[u] : null,
        daysToDetection: hit ? detected[u] - first[u] : null,
      });
    }
    return out;
  }

  /** Tuor et al.'s CR-k (see the file header); k must be a multiple of step (default 25). */
  cumulativeRecall(k: number, step = 25): CumulativeRecall {
    checkBudget(k);
    checkBudget(step);
    if (k % step !== 0) throw new Error(`cumulative recall: budget ${k} is not a multiple of the step ${step}`);
    // Malicious user-days per rank, then a running count: R(b) for every b in one pass.
    const atRank = new Int32Array(k);
    for (const i of this.positives) if (this.rank[i] < k) atRank[this.rank[i]]++;
    let hit = 0, value = 0;
    for (let r = 0; r < k; r++) {
      hit += atRank[r];
      if ((r + 1) % step === 0) value += hit / this.positives.length;
    }
    return { k, step, value, normalized: value / (k / step) };
  }
}

function checkBudget(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new Error(`alert budget must be a positive integer, got ${k}`);
}

/** Fraction of malicious user-days alerted with a daily budget of k. */
export function recallAtBudget(rows: UserDayRows, k: number): number {
  return new DailyAlerts(rows).recall(k);
}

/** Insiders with at least one alert on one of their malicious days, with a daily budget of k. */
export function insidersCaughtAtBudget(rows: UserDayRows, k: number): InsidersCaught {
  return new DailyAlerts(rows).insidersCaught(k);
}

/** Per insider: days from their first malicious day to their first alert on a malicious day. */
export function daysToDetection(rows: UserDayRows, k: number): InsiderDetection[] {
  return new DailyAlerts(rows).daysToDetection(k);
}

/** Tuor et al.'s cumulative recall CR-k and its [0, 1] normalisation. */
export function cumulativeRecallAtBudget(rows: UserDayRows, k: number, step = 25): CumulativeRecall {
  return new DailyAlerts(rows).cumulativeRecall(k, step);
}

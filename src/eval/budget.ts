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

/**
 * The validated columns with dense user and day indices, and each day's benign scores
 * sorted. Benign rows are the bulk of the data and are the same for every selection of
 * malicious rows (overall, or one scenario), so they are sorted once and shared.
 */
export class UserDayTable {
  readonly rows: UserDayRows;
  readonly userIndex: Int32Array;
  readonly userIds: Float64Array;
  readonly dayIndex: Int32Array;
  /** Offsets of each day's segment in benignScores (length days + 1). */
  readonly benignStart: Int32Array;
  /** Benign scores grouped by day (ascending day), ascending within a day. */
  readonly benignScores: Float64Array;
  /** Row indices of all malicious rows, ascending. */
  readonly positives: Int32Array;

  constructor(rows: UserDayRows) {
    const what = 'alert budget';
    const { scores, labels, users, days } = rows;
    checkLengths(what, scores, { labels, users, days });
    checkScores(what, scores);
    const { positives } = countClasses(what, labels, false);
    const u = denseIds(what, 'user', users);
    const d = denseIds(what, 'day', days);
    this.rows = rows;
    this.userIndex = u.index;
    this.userIds = u.ids;
    this.dayIndex = d.index;
    const n = scores.length, nd = d.ids.length;
    // Counting sort of benign rows by day, then a native (comparator-free) sort per day:
    // that is what keeps 300k rows fast.
    this.benignStart = new Int32Array(nd + 1);
    for (let i = 0; i < n; i++) if (!(labels[i] > 0)) this.benignStart[d.index[i] + 1]++;
    for (let j = 0; j < nd; j++) this.benignStart[j + 1] += this.benignStart[j];
    this.benignScores = new Float64Array(n - positives);
    this.positives = new Int32Array(positives);
    const fill = this.benignStart.slice(0, nd);
    for (let i = 0, p = 0; i < n; i++) {
      if (labels[i] > 0) this.positives[p++] = i;
      else this.benignScores[fill[d.index[i]]++] = scores[i];
    }
    for (let j = 0; j < nd; j++) this.benignScores.subarray(this.benignStart[j], this.benignStart[j + 1]).sort();
  }

  get days(): number {
    return this.benignStart.length - 1;
  }
}

/**
 * Daily alerts for one selection of malicious rows (all of them by default) against all
 * benign rows; unselected malicious rows are left out of the days entirely.
 */
export class DailyAlerts {
  readonly table: UserDayTable;
  /** Row indices of the selected malicious user-days, ascending. */
  readonly positives: Int32Array;
  /** Position of each of them within its day under the tie rule above (0 = top). */
  readonly positiveRank: Int32Array;
  /** Rows per day (ascending day order) in this selection — alerts per day are min(k, this). */
  readonly rowsPerDay: Int32Array;
  /** Users with at least one selected malicious row. */
  readonly insiders: number;

  constructor(rows: UserDayRows | UserDayTable, positives?: Int32Array) {
    const table = rows instanceof UserDayTable ? rows : new UserDayTable(rows);
    this.table = table;
    this.positives = positives ? Int32Array.from(positives).sort() : table.positives;
    for (const i of this.positives) {
      if (!(table.rows.labels[i] > 0)) throw new Error(`alert budget: row ${i} was selected as malicious but its label is ${table.rows.labels[i]}`);
    }
    const np = this.positives.length;
    if (np === 0) throw new Error(`alert budget needs malicious user-days: got ${table.rows.scores.length} rows, none selected as malicious`);
    const { scores } = table.rows;
    const nd = table.days;
    const dayIndex = table.dayIndex;

    this.rowsPerDay = new Int32Array(nd);
    for (let j = 0; j < nd; j++) this.rowsPerDay[j] = table.benignStart[j + 1] - table.benignStart[j];
    const isInsider = new Uint8Array(table.userIds.length);
    const posStart = new Int32Array(nd + 1);
    for (const i of this.positives) {
      this.rowsPerDay[dayIndex[i]]++;
      isInsider[table.userIndex[i]] = 1;
      posStart[dayIndex[i] + 1]++;
    }
    this.insiders = isInsider.reduce((s, x) => s + x, 0);
    for (let j = 0; j < nd; j++) posStart[j + 1] += posStart[j];
    // Positions into this.positives, grouped by day (row order within a day).
    const byDay = new Int32Array(np);
    const posFill = posStart.slice(0, nd);
    for (let p = 0; p < np; p++) byDay[posFill[dayIndex[this.positives[p]]]++] = p;

    // A malicious row's rank: the benign rows of its day scoring at least as high (ties go
    // to benign), plus the selected malicious rows of its day ranked before it (higher
    // score, or equal score and earlier row). Malicious rows per day are few, so sorting
    // them with a comparator is cheap.
    this.positiveRank = new Int32Array(np);
    const score = (p: number) => scores[this.positives[p]];
    for (let j = 0; j < nd; j++) {
      if (posStart[j] === posStart[j + 1]) continue;
      const benign = table.benignScores.subarray(table.benignStart[j], table.benignStart[j + 1]);
      const ps = Array.from(byDay.subarray(posStart[j], posStart[j + 1]));
      ps.sort((a, b) => (score(a) !== score(b) ? (score(a) > score(b) ? -1 : 1) : a - b));
      ps.forEach((p, before) => {
        this.positiveRank[p] = benign.length - lowerBound(benign, score(p)) + before;
      });
    }
  }

  /** The same days with only the malicious rows for which select(row) holds. */
  only(select: (row: number) => boolean): DailyAlerts {
    return new DailyAlerts(this.table, this.table.positives.filter(select));
  }

  /** Fraction of malicious user-days among the top k of their day. */
  recall(k: number): number {
    checkBudget(k);
    let hit = 0;
    for (const r of this.positiveRank) if (r < k) hit++;
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
    const caught = new Uint8Array(this.table.userIds.length);
    this.positives.forEach((i, p) => { if (this.positiveRank[p] < k) caught[this.table.userIndex[i]] = 1; });
    const c = caught.reduce((s, x) => s + x, 0);
    return { caught: c, insiders: this.insiders, fraction: c / this.insiders };
  }

  /** Per insider (ascending user id): days from the first malicious day to the first alerted malicious day. */
  daysToDetection(k: number): InsiderDetection[] {
    checkBudget(k);
    const { userIds, userIndex } = this.table, days = this.table.rows.days;
    const nu = userIds.length;
    const first = new Float64Array(nu).fill(Infinity);
    const detected = new Float64Array(nu).fill(Infinity);
    this.positives.forEach((i, p) => {
      const u = userIndex[i], day = days[i];
      if (day < first[u]) first[u] = day;
      if (this.positiveRank[p] < k && day < detected[u]) detected[u] = day;
    });
    const out: InsiderDetection[] = [];
    for (let u = 0; u < nu; u++) {
      if (first[u] === Infinity) continue;
      const hit = detected[u] !== Infinity;
      out.push({
        user: userIds[u],
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
    for (const r of this.positiveRank) if (r < k) atRank[r]++;
    let hit = 0, value = 0;
    for (let r = 0; r < k; r++) {
      hit += atRank[r];
      if ((r + 1) % step === 0) value += hit / this.positives.length;
    }
    return { k, step, value, normalized: value / (k / step) };
  }
}

/** First index in ascending a with a[i] >= x. */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

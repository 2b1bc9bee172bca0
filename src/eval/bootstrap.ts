// Bootstrap confidence intervals resampled over users. Rows of one user are not
// independent (an insider's malicious days, a user's habits), so resampling rows would
// understate the spread; the unit drawn with replacement is the user, with all of their
// rows. A resample is therefore just a multiplicity per user (how often each was drawn),
// and a metric is prepared once over the data (sorted once) and then evaluated for many
// multiplicity vectors in one linear pass each: see bootmetrics.ts.
//
// Interval: the percentile interval of the resampled values (linear interpolation between
// order statistics, NumPy's default percentile). Resamples where the metric is undefined
// (no insider drawn, or no benign user) are skipped and counted, not retried, so the
// interval is conditional on both classes being present; `skipped` says how often that
// happened, and a large share means the interval should not be trusted.
import { Rng } from '../data/synth/rng.js';
import { denseIds, type DenseIds } from './ids.js';
import { checkLengths, checkScores } from './validate.js';

export interface BootstrapRows {
  scores: ArrayLike<number>;
  /** > 0 malicious. */
  labels: ArrayLike<number>;
  /** User id per row (any integers): the resampling unit. */
  users: ArrayLike<number>;
  /** Day per row, for alert-budget metrics. */
  days?: ArrayLike<number>;
}

/** A metric over one resample: weights[u] = times dense user u was drawn. NaN = undefined here. */
export type ResampledMetric = (weights: Int32Array) => number;
/** Prepares a metric over the rows once (users densely indexed); returns its evaluator. */
export type BootMetric = (rows: BootstrapRows, users: DenseIds) => ResampledMetric;

export interface BootstrapOptions {
  /** Resamples drawn (default 1000). */
  resamples?: number;
  /** Coverage of the interval (default 0.95). */
  level?: number;
  /** Seed of the resampling stream (default 0); same seed, same resamples. */
  seed?: number;
}

export interface BootstrapCi {
  /** The metric on the data as given. */
  estimate: number;
  lo: number;
  hi: number;
  level: number;
  /** Resamples drawn, used (metric defined), and skipped (metric undefined). */
  resamples: number;
  used: number;
  skipped: number;
}

// Part of the RNG key, so bootstrap draws never share a stream with the generator's.
const BOOTSTRAP_STREAM = 0xb0075;

function prepare(what: string, rows: BootstrapRows): DenseIds {
  checkLengths(what, rows.scores, { labels: rows.labels, users: rows.users, ...(rows.days ? { days: rows.days } : {}) });
  checkScores(what, rows.scores);
  return denseIds(what, 'user', rows.users);
}

function checkOptions(opts: BootstrapOptions): Required<BootstrapOptions> {
  const o = { resamples: opts.resamples ?? 1000, level: opts.level ?? 0.95, seed: opts.seed ?? 0 };
  if (!Number.isInteger(o.resamples) || o.resamples < 1) throw new Error(`bootstrap: resamples must be a positive integer, got ${o.resamples}`);
  if (!(o.level > 0 && o.level < 1)) throw new Error(`bootstrap: level must be in (0, 1), got ${o.level}`);
  return o;
}

/** Draws every resample's user multiplicities and collects f(weights) where defined. */
function resample(nUsers: number, o: Required<BootstrapOptions>, f: ResampledMetric): { values: Float64Array; used: number } {
  const rng = new Rng(o.seed, BOOTSTRAP_STREAM);
  const weights = new Int32Array(nUsers);
  const values = new Float64Array(o.resamples);
  let used = 0;
  for (let r = 0; r < o.resamples; r++) {
    weights.fill(0);
    for (let i = 0; i < nUsers; i++) weights[rng.int(nUsers)]++;
    const v = f(weights);
    if (!Number.isNaN(v)) values[used++] = v;
  }
  return { values: values.subarray(0, used), used };
}

/** Linear-interpolation quantile of ascending values (NumPy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q, i = Math.floor(h);
  return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

function interval(what: string, estimate: number, values: Float64Array, used: number, o: Required<BootstrapOptions>): BootstrapCi {
  if (used === 0) throw new Error(`${what}: the metric was undefined on all ${o.resamples} resamples (too few users of one class?)`);
  values.sort();
  const a = (1 - o.level) / 2;
  return {
    estimate, lo: quantileSorted(values, a), hi: quantileSorted(values, 1 - a), level: o.level,
    resamples: o.resamples, used, skipped: o.resamples - used,
  };
}

/** Percentile bootstrap interval of metric over users drawn with replacement. */
export function bootstrapCi(rows: BootstrapRows, metric: BootMetric, opts: BootstrapOptions = {}): BootstrapCi {
  const what = 'bootstrap';
  const o = checkOptions(opts);
  const users = prepare(what, rows);
  const f = metric(rows, users);
  const estimate = f(new Int32Array(users.ids.length).fill(1));
  if (Number.isNaN(estimate)) throw new Error(`${what}: the metric is undefined on the data itself (one class only?)`);
  const { values, used } = resample(users.ids.length, o, f);
  return interval(what, estimate, values, used, o);
}

/**
 * Interval of metric(A) − metric(B) for two methods' scores on the same rows, both
 * evaluated on the same resamples (so the users they share cancel out of the spread).
 * A resample counts only where both are defined.
 */
export function pairedBootstrapCi(rows: BootstrapRows, scoresB: ArrayLike<number>, metric: BootMetric, opts: BootstrapOptions = {}): BootstrapCi {
  const what = 'paired bootstrap';
  const o = checkOptions(opts);
  const users = prepare(what, rows);
  const rowsB = { ...rows, scores: scoresB };
  prepare(what, rowsB);
  const fa = metric(rows, users), fb = metric(rowsB, users);
  const f: ResampledMetric = (w) => fa(w) - fb(w);
  const estimate = f(new Int32Array(users.ids.length).fill(1));
  if (Number.isNaN(estimate)) throw new Error(`${what}: the metric is undefined on the data itself (one class only?)`);
  const { values, used } = resample(users.ids.length, o, f);
  return interval(what, estimate, values, used, o);
}

/**
 * Interval of a metric's mean over several evaluations (a method's seeds, each with its
 * own split and test users): each resample draws every set's users independently and
 * averages the metric over the sets. With `scoresB` (one score array per set, same rows),
 * the interval of the mean difference metric(A) − metric(B), both on the same draws. A
 * resample counts only where the metric is defined on every set.
 */
export function bootstrapMeanCi(sets: BootstrapRows[], metric: BootMetric, opts: BootstrapOptions = {}, scoresB?: ArrayLike<number>[]): BootstrapCi {
  const what = scoresB ? 'paired bootstrap of the mean' : 'bootstrap of the mean';
  if (sets.length === 0) throw new Error(`${what}: no sets of rows`);
  if (scoresB && scoresB.length !== sets.length) throw new Error(`${what}: ${scoresB.length} score arrays for ${sets.length} sets`);
  const o = checkOptions(opts);
  const fs = sets.map((rows, s) => {
    const users = prepare(what, rows);
    const fa = metric(rows, users);
    if (!scoresB) return { n: users.ids.length, f: fa };
    const rowsB = { ...rows, scores: scoresB[s]! };
    prepare(what, rowsB);
    const fb = metric(rowsB, users);
    return { n: users.ids.length, f: ((w) => fa(w) - fb(w)) as ResampledMetric };
  });
  const mean = (ws: Int32Array[]) => fs.reduce((acc, { f }, s) => acc + f(ws[s]!), 0) / fs.length;
  const estimate = mean(fs.map(({ n }) => new Int32Array(n).fill(1)));
  if (Number.isNaN(estimate)) throw new Error(`${what}: the metric is undefined on the data itself (one class only in a set?)`);
  const rng = new Rng(o.seed, BOOTSTRAP_STREAM);
  const ws = fs.map(({ n }) => new Int32Array(n));
  const values = new Float64Array(o.resamples);
  let used = 0;
  for (let r = 0; r < o.resamples; r++) {
    for (const w of ws) {
      w.fill(0);
      for (let i = 0; i < w.length; i++) w[rng.int(w.length)]++;
    }
    const v = mean(ws);
    if (!Number.isNaN(v)) values[used++] = v;
  }
  return interval(what, estimate, values.subarray(0, used), used, o);
}

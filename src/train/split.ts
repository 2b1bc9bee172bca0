// Train / validation / test splits over feature rows that do not leak:
// - time:   days before a cut train, days from the cut on test (every user in both);
// - user:   held-out users test, insiders stratified between the sides;
// - le2020: Le et al. (TNSM 2020): train on the first part of the period with a subset of
//           users, test on the later period for every user; an insider whose malicious
//           rows were seen in training is left out of the test set entirely (its test rows
//           would only measure memory of that user).
// Validation for early stopping is always a user-stratified part of the training rows, so
// it holds insiders whenever training does, and never any test row.
import { Rng } from '../util/rng.js';

export type SplitKind = 'time' | 'user' | 'le2020';
export const SPLIT_KINDS: readonly SplitKind[] = ['time', 'user', 'le2020'];

export interface SplitSpec {
  kind: SplitKind;
  seed: number;
  /** time/le2020: share of the period (by distinct time keys) before the cut. Default 0.5. */
  trainPeriod?: number;
  /** user/le2020: share of users on the training side. Default 0.5. */
  trainUsers?: number;
  /** Share of training users (insiders stratified) moved to validation. Default 0.2. */
  valUsers?: number;
}

export interface SplitRows {
  user: Int32Array;
  time: Int32Array;
  /** Scenario per row (0 benign); only used to stratify, never to choose rows by outcome. */
  insider: Int32Array | null;
}

export interface Split {
  spec: Required<SplitSpec>;
  train: Int32Array;
  val: Int32Array;
  test: Int32Array;
  /** The first time key on the test side (time/le2020), else null. */
  cut: number | null;
  /** Insider users left out of the test set because training saw their malicious rows (le2020). */
  excludedInsiders: number[];
}

export function resolveSplitSpec(s: SplitSpec): Required<SplitSpec> {
  const out = { trainPeriod: 0.5, trainUsers: 0.5, valUsers: 0.2, ...s };
  for (const k of ['trainPeriod', 'trainUsers', 'valUsers'] as const) {
    if (!(out[k] > 0 && out[k] < 1)) throw new Error(`split: ${k} must be between 0 and 1 (exclusive), got ${out[k]}`);
  }
  if (!SPLIT_KINDS.includes(out.kind)) throw new Error(`split: unknown kind '${out.kind}' (one of ${SPLIT_KINDS.join(', ')})`);
  return out;
}

/** Users that have at least one malicious row. */
function insiderUsers(rows: SplitRows): Set<number> {
  const s = new Set<number>();
  if (rows.insider) for (let i = 0; i < rows.user.length; i++) if (rows.insider[i] > 0) s.add(rows.user[i]);
  return s;
}

/**
 * Splits `users` into (picked, rest) with `share` of the insiders and `share` of the other
 * users picked, each side shuffled by the seed; at least one of each kind on each side
 * when there are two or more.
 */
export function stratifiedUsers(users: number[], insiders: Set<number>, share: number, rng: Rng): [Set<number>, Set<number>] {
  const picked = new Set<number>(), rest = new Set<number>();
  for (const group of [users.filter((u) => insiders.has(u)), users.filter((u) => !insiders.has(u))]) {
    const g = [...group].sort((a, b) => a - b);
    for (let i = g.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [g[i], g[j]] = [g[j], g[i]];
    }
    let k = Math.round(g.length * share);
    if (g.length >= 2) k = Math.min(g.length - 1, Math.max(1, k));
    g.forEach((u, i) => (i < k ? picked : rest).add(u));
  }
  return [picked, rest];
}

/** The first time key of the later part: `share` of the distinct time keys come before it. */
function timeCut(time: Int32Array, share: number): number {
  const keys = [...new Set(time)].sort((a, b) => a - b);
  if (keys.length < 2) throw new Error(`split: the data spans ${keys.length} time key(s); a time split needs at least 2`);
  return keys[Math.min(keys.length - 1, Math.max(1, Math.round(keys.length * share)))];
}

export function makeSplit(rows: SplitRows, spec: SplitSpec): Split {
  const s = resolveSplitSpec(spec);
  const n = rows.user.length;
  const rng = new Rng(s.seed, 0x5e11);
  const allUsers = [...new Set(rows.user)].sort((a, b) => a - b);
  const insiders = insiderUsers(rows);
  let trainUsers: Set<number>;
  let cut: number | null = null;
  const inTrain = new Uint8Array(n), inTest = new Uint8Array(n);
  if (s.kind === 'user') {
    const [tr, te] = stratifiedUsers(allUsers, insiders, s.trainUsers, rng);
    trainUsers = tr;
    for (let i = 0; i < n; i++) (tr.has(rows.user[i]) ? inTrain : te.has(rows.user[i]) ? inTest : inTrain)[i] = 1;
  } else {
    cut = timeCut(rows.time, s.trainPeriod);
    // The training-side users: all of them (time), or a stratified subset (le2020). An
    // insider counts for stratification only if it is malicious before the cut.
    const early = new Set<number>();
    if (rows.insider) for (let i = 0; i < n; i++) if (rows.insider[i] > 0 && rows.time[i] < cut) early.add(rows.user[i]);
    trainUsers = s.kind === 'time' ? new Set(allUsers) : stratifiedUsers(allUsers, early, s.trainUsers, rng)[0];
    for (let i = 0; i < n; i++) {
      if (rows.time[i] >= cut) inTest[i] = 1;
      else if (trainUsers.has(rows.user[i])) inTrain[i] = 1;
    }
  }
  // le2020: insiders whose malicious rows training sees are not scored on the test side.
  const excluded = new Set<number>();
  if (rows.insider && s.kind === 'le2020') for (let i = 0; i < n; i++) if (inTrain[i] && rows.insider[i] > 0) excluded.add(rows.user[i]);
  if (excluded.size) for (let i = 0; i < n; i++) if (inTest[i] && excluded.has(rows.user[i])) inTest[i] = 0;

  // Validation: a stratified share of the training users (their training rows only).
  const trainInsiders = new Set<number>();
  if (rows.insider) for (let i = 0; i < n; i++) if (inTrain[i] && rows.insider[i] > 0) trainInsiders.add(rows.user[i]);
  const [valUsers] = stratifiedUsers([...trainUsers].sort((a, b) => a - b), trainInsiders, s.valUsers, rng);
  const train: number[] = [], val: number[] = [], test: number[] = [];
  for (let i = 0; i < n; i++) {
    if (inTest[i]) test.push(i);
    else if (inTrain[i]) (valUsers.has(rows.user[i]) ? val : train).push(i);
  }
  if (train.length === 0 || test.length === 0) throw new Error(`split '${s.kind}': ${train.length} training and ${test.length} test rows; the data is too small for this split`);
  return { spec: s, train: Int32Array.from(train), val: Int32Array.from(val), test: Int32Array.from(test), cut, excludedInsiders: [...excluded].sort((a, b) => a - b) };
}

/** Counts for logs and run files: rows, malicious rows and insider users per part. */
export function describeSplit(split: Split, rows: SplitRows): Record<'train' | 'val' | 'test', { rows: number; malicious: number; insiders: number }> {
  const part = (idx: Int32Array) => {
    let malicious = 0;
    const ins = new Set<number>();
    if (rows.insider) for (const i of idx) if (rows.insider[i] > 0) { malicious++; ins.add(rows.user[i]); }
    return { rows: idx.length, malicious, insiders: ins.size };
  };
  return { train: part(split.train), val: part(split.val), test: part(split.test) };
}

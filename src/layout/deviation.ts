// Deviation inputs: how far a row is from its user's own recent past, and from its peer
// group. A user-day that is unremarkable for the company can be very unusual for that
// user (findings.md: these inputs moved the residual models most).
//
// - user: (x - mean) / sqrt(var + floor²) over the same user's rows in the previous
//   `window` days (strictly before the row's day: causal, never a later day). Rows with
//   fewer than `minHistory` such rows get 0 (no evidence either way).
// - peer: (x - group mean) / max(group sd, floor) with the group's statistics fitted on
//   training rows only (a stored transform); an unseen group falls back to all training rows.
export interface UserDeviationSpec { window: number; minHistory: number; floor: number }
export interface PeerDeviationState { column: string; floor: number; groups: Record<string, { mean: number[]; sd: number[] }>; all: { mean: number[]; sd: number[] } }

export const DEFAULT_USER_DEVIATION: UserDeviationSpec = { window: 28, minHistory: 3, floor: 0.5 };

/**
 * `x` is [n, f] row-major with each user's rows contiguous and in time order (as
 * loadFeatureMatrix returns them). Returns a new [n, f] array.
 */
export function userDeviation(x: Float32Array, f: number, user: Int32Array, time: Int32Array, spec: UserDeviationSpec = DEFAULT_USER_DEVIATION): Float32Array {
  const n = user.length;
  if (x.length !== n * f) throw new Error(`userDeviation: expected ${n} × ${f} values, got ${x.length}`);
  const out = new Float32Array(n * f);
  const sum = new Float64Array(f), sq = new Float64Array(f);
  const floor2 = spec.floor * spec.floor;
  let lo = 0; // first row inside the window
  for (let i = 0; i < n; i++) {
    if (i === 0 || user[i] !== user[i - 1]) {
      if (i > 0 && user[i] < user[i - 1]) throw new Error('userDeviation: rows must be grouped by user in time order');
      lo = i;
      sum.fill(0); sq.fill(0);
    } else if (time[i] < time[i - 1]) {
      throw new Error(`userDeviation: row ${i} goes back in time within its user; rows must be in time order`);
    }
    // Window holds rows lo..i-1 with time >= time[i] - window.
    while (lo < i && time[lo] < time[i] - spec.window) {
      for (let j = 0; j < f; j++) { const v = x[lo * f + j]; sum[j] -= v; sq[j] -= v * v; }
      lo++;
    }
    const k = i - lo;
    if (k >= spec.minHistory) {
      for (let j = 0; j < f; j++) {
        const mean = sum[j] / k;
        const v = Math.max(0, sq[j] / k - mean * mean);
        out[i * f + j] = (x[i * f + j] - mean) / Math.sqrt(v + floor2);
      }
    }
    for (let j = 0; j < f; j++) { const v = x[i * f + j]; sum[j] += v; sq[j] += v * v; }
  }
  return out;
}

function moments(x: Float32Array, f: number, rows: Iterable<number>): { mean: number[]; sd: number[]; count: number } {
  const s = new Float64Array(f), ss = new Float64Array(f);
  let count = 0;
  for (const i of rows) {
    count++;
    for (let j = 0; j < f; j++) { const v = x[i * f + j]; s[j] += v; ss[j] += v * v; }
  }
  const mean = Array.from(s, (v) => (count ? v / count : 0));
  const sd = Array.from(ss, (v, j) => (count ? Math.sqrt(Math.max(0, v / count - mean[j] ** 2)) : 1));
  return { mean, sd, count };
}

/** Fits per-group statistics on the training rows; `group[i]` is row i's group value. */
export function fitPeerDeviation(x: Float32Array, f: number, group: ArrayLike<number>, rows: Int32Array, column: string, floor = 0.5): PeerDeviationState {
  const byGroup = new Map<number, number[]>();
  for (const i of rows) {
    const g = group[i];
    let list = byGroup.get(g);
    if (!list) byGroup.set(g, (list = []));
    list.push(i);
  }
  const groups: PeerDeviationState['groups'] = {};
  // Groups with too few training rows would give noisy statistics; they use all rows.
  for (const [g, list] of byGroup) if (list.length >= 10) { const { mean, sd } = moments(x, f, list); groups[String(g)] = { mean, sd }; }
  const { mean, sd } = moments(x, f, rows);
  return { column, floor, groups, all: { mean, sd } };
}

export function applyPeerDeviation(state: PeerDeviationState, x: Float32Array, f: number, group: ArrayLike<number>): Float32Array {
  const n = group.length;
  if (x.length !== n * f) throw new Error(`applyPeerDeviation: expected ${n} × ${f} values, got ${x.length}`);
  if (state.all.mean.length !== f) throw new Error(`applyPeerDeviation: fitted on ${state.all.mean.length} columns, the rows have ${f}`);
  const out = new Float32Array(n * f);
  for (let i = 0; i < n; i++) {
    const st = state.groups[String(group[i])] ?? state.all;
    for (let j = 0; j < f; j++) out[i * f + j] = (x[i * f + j] - st.mean[j]) / Math.max(st.sd[j], state.floor);
  }
  return out;
}

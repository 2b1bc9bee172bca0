// Communities per period: for each week (or `periodDays` block, aligned on Sundays) the
// Louvain partition of the graph of the `windowDays` days before it, so a row is judged
// against communities that its own period did not shape. The window slides: each
// period adds the days entering it and subtracts the days leaving it, so every edge is
// touched twice whatever the window length.
//
// Graph per kind:
//   email  user–user; both directions of a pair add up.
//   pc     users joined through the PCs they share: the user–PC graph projected onto
//          users, a pair weighing Σ over shared PCs of min(the two users' logons) /
//          (users of the PC − 1) (Newman's weighting for collaboration graphs). On the
//          bipartite graph a PC only its owner uses is a leaf, and Louvain put the owner
//          in some weeks with their shared PC's group and in others alone with that leaf
//          (seen in the tests' small organisation); projected, private PCs drop out. A
//          user whose PCs nobody else used is a community of their own; a PC used by
//          more than `maxUsers` users (a kiosk) joins no one. A PC's community is the
//          one holding most of its users' logons.
//   web    user–host, bipartite (hosts are shared by many users, and the projection of
//          a 1,000-user release would have tens of millions of pairs). A host fewer than
//          `minUsers` users visited says nothing about who belongs with whom, and each
//          user keeps at most `maxTargets` hosts (the heaviest), so that a heavy browser
//          does not add thousands of edges.
import { DayIndex } from './dayIndex.js';
import { louvainCommunities } from './louvain.js';
import type { EdgeKind } from './types.js';

export interface GraphOptions {
  periodDays: number;
  windowDays: number;
  minUsers: number;
  maxTargets: number;
  maxUsers: number;
  resolution: number;
  seed: number;
}

/** Sunday-aligned periods: day 3 (1970-01-04) was a Sunday. */
export const periodOf = (day: number, periodDays: number) => Math.floor((day - 3) / periodDays);
export const periodStart = (p: number, periodDays: number) => 3 + p * periodDays;

export interface Partition {
  /** Community per user, −1 where the user has no edge in the window. */
  user: Int32Array;
  /** Community per target (pc, web), −1 where cut or absent; for email the user array. */
  target: Int32Array;
}

/** (user, target) weights over a set of days, kept as days are added or removed. */
class WindowWeights {
  private readonly w = new Map<number, number>();
  constructor(private readonly index: DayIndex) {}

  add(from: number, to: number, sign: 1 | -1): void {
    const { list } = this.index;
    const T = list.targets.length;
    this.index.dayRange(from, to, (e) => {
      const k = list.user[e]! * T + list.target[e]!;
      const v = (this.w.get(k) ?? 0) + sign * list.count[e]!;
      // Counts are integers, so a pair whose days have all left the window is exactly 0.
      if (v > 0) this.w.set(k, v);
      else this.w.delete(k);
    });
  }

  partition(kind: EdgeKind, opts: GraphOptions, seed: number): Partition {
    const { list, users: U } = this.index;
    const T = list.targets.length;
    const perUser: [number, number][][] = Array.from({ length: U }, () => []);
    const reach = new Int32Array(T);
    for (const [k, v] of this.w) {
      const u = Math.floor(k / T), t = k % T;
      perUser[u]!.push([t, v]);
      reach[t]!++;
    }
    if (kind === 'pc') return projected(perUser, T, opts, seed);
    const email = kind === 'email';
    const a: number[] = [], b: number[] = [], w: number[] = [];
    for (let u = 0; u < U; u++) {
      let es = perUser[u]!;
      if (!email) es = es.filter(([t]) => reach[t]! >= opts.minUsers);
      if (es.length > opts.maxTargets) es = es.sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, opts.maxTargets);
      for (const [t, v] of es) {
        a.push(u);
        b.push(email ? t : U + t);
        w.push(v);
      }
    }
    const c = louvainCommunities({ nodes: email ? U : U + T, a, b, w }, { seed, resolution: opts.resolution });
    return { user: c.subarray(0, U), target: email ? c.subarray(0, U) : c.subarray(U) };
  }
}

/** Louvain on the users-through-shared-targets projection; see the header. */
function projected(perUser: [number, number][][], T: number, opts: GraphOptions, seed: number): Partition {
  const U = perUser.length;
  const byTarget: [number, number][][] = Array.from({ length: T }, () => []);
  perUser.forEach((es, u) => es.forEach(([t, v]) => byTarget[t]!.push([u, v])));
  const a: number[] = [], b: number[] = [], w: number[] = [];
  for (const us of byTarget) {
    // A kiosk would add users² pairs and tie everyone together.
    if (us.length < 2 || us.length > opts.maxUsers) continue;
    for (let i = 0; i < us.length; i++) {
      for (let j = i + 1; j < us.length; j++) {
        a.push(us[i]![0]);
        b.push(us[j]![0]);
        w.push(Math.min(us[i]![1], us[j]![1]) / (us.length - 1));
      }
    }
  }
  const user = louvainCommunities({ nodes: U, a, b, w }, { seed, resolution: opts.resolution });
  let next = 0;
  for (const c of user) next = Math.max(next, c + 1);
  for (let u = 0; u < U; u++) if (user[u]! < 0 && perUser[u]!.length > 0) user[u] = next++;
  const target = new Int32Array(T).fill(-1);
  byTarget.forEach((us, t) => {
    if (us.length === 0 || us.length > opts.maxUsers) return;
    const weight = new Map<number, number>();
    for (const [u, v] of us) weight.set(user[u]!, (weight.get(user[u]!) ?? 0) + v);
    let best = -1, bw = -1;
    for (const [c, v] of weight) if (v > bw || (v === bw && c < best)) [best, bw] = [c, v];
    target[t] = best;
  });
  return { user, target };
}

/** The partition of the graph over days [from, to) (the training span, say). */
export function spanPartition(index: DayIndex, kind: EdgeKind, from: number, to: number, opts: GraphOptions): Partition {
  const ww = new WindowWeights(index);
  ww.add(from, to, 1);
  return ww.partition(kind, opts, opts.seed * 977 + 1);
}

export interface PeriodPartitions {
  /** Index of the first period held; partitions[i] belongs to period first + i. */
  first: number;
  partitions: Partition[];
}

/** Partitions for every period from the one holding the first edge to the one after the last. */
export function periodPartitions(index: DayIndex, kind: EdgeKind, opts: GraphOptions): PeriodPartitions {
  if (index.days === 0) return { first: 0, partitions: [] };
  const P = opts.periodDays, W = opts.windowDays;
  const first = periodOf(index.day0, P), last = periodOf(index.day0 + index.days - 1, P) + 1;
  const ww = new WindowWeights(index);
  const partitions: Partition[] = [];
  let lo = 0, hi = 0;
  for (let p = first; p <= last; p++) {
    const s = periodStart(p, P);
    if (p === first) ww.add(s - W, s, 1);
    else {
      ww.add(hi, s, 1);
      ww.add(lo, s - W, -1);
    }
    lo = s - W;
    hi = s;
    partitions.push(ww.partition(kind, opts, opts.seed * 7919 + p));
  }
  return { first, partitions };
}

/** The partition period p was judged against, or null outside the computed range. */
export function partitionAt(pp: PeriodPartitions, p: number): Partition | null {
  return pp.partitions[p - pp.first] ?? null;
}

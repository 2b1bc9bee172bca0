// Graph-clustering baseline: how far a user departs from their Louvain community.
//
// For each edge kind (pc, email, web) the users' graph of the `windowDays` days before
// each week is split into Louvain communities (periods.ts). A row — user u on day t, or
// in the week from t — gets three components per kind:
//   cross   the share of u's edges in the row's own days that go to targets (PCs, hosts,
//           people) of another community than u's, in the partition of t's week;
//   change  1 − Jaccard of u's fellow members in that partition and the week before's;
//   dist    the RMS distance of the row's standardised features to the centroid of u's
//           community in the partition of the whole training span, fitted on training rows.
// Each (component, kind) value becomes its upper-tail probability p among the training
// rows' values (rank.ts), and the score is Σ over components of the kinds' mean −log p
// (Fisher's combination of p-values, without the χ² step): free of each component's
// scale, and one extreme component (p ≈ 1/n) outweighs ordinary noise in the others,
// which an average of ranks would dilute. Labels are not used.
import { intParam, listParam, numParam, notFitted, checkData, checkTrain } from '../check.js';
import type { Detector, FitOptions, TabularData } from '../types.js';
import { CommunityCentroids } from './centroid.js';
import { edgeLists, requireContext } from './context.js';
import { DayIndex } from './dayIndex.js';
import { partitionAt, periodOf, periodPartitions, spanPartition, type GraphOptions, type Partition, type PeriodPartitions } from './periods.js';
import { TailRank } from './rank.js';
import { EDGE_KINDS, type EdgeKind, type EdgeList, type GraphContext } from './types.js';

export const COMPONENTS = ['cross', 'change', 'dist'] as const;
export type Component = (typeof COMPONENTS)[number];

/** Everything computed from one kind's edges alone (no rows): reused by fit and score on the same lists. */
interface KindGraphs {
  list: EdgeList;
  seed: number;
  index: DayIndex;
  periods: PeriodPartitions;
  /** Per period (same offset as periods.partitions): 1 − Jaccard per user, computed on first use. */
  change: (Float32Array | undefined)[];
}

interface KindFit {
  graphs: KindGraphs;
  /** Partition of the training span (for the centroids). */
  span: Partition;
  centroids: CommunityCentroids;
  ranks: Record<Component, TailRank>;
}

/** Per row and kind, the raw component values. */
export type ComponentValues = Record<Component, Float64Array>;

/** 1 − |A ∩ B| / |A ∪ B| of each user's community in `cur` (A) and `prev` (B); 0 where either is missing. */
export function communityChange(cur: Int32Array, prev: Int32Array): Float32Array {
  const U = cur.length;
  const out = new Float32Array(U);
  const sizeA = new Map<number, number>(), sizeB = new Map<number, number>(), both = new Map<number, number>();
  let kb = 0;
  for (let u = 0; u < U; u++) kb = Math.max(kb, prev[u]! + 1);
  for (let u = 0; u < U; u++) {
    const a = cur[u]!, b = prev[u]!;
    if (a >= 0) sizeA.set(a, (sizeA.get(a) ?? 0) + 1);
    if (b >= 0) sizeB.set(b, (sizeB.get(b) ?? 0) + 1);
    if (a >= 0 && b >= 0) both.set(a * kb + b, (both.get(a * kb + b) ?? 0) + 1);
  }
  for (let u = 0; u < U; u++) {
    const a = cur[u]!, b = prev[u]!;
    if (a < 0 || b < 0) continue;
    // Members of both: users that sit in a and in b, i.e. the (a, b) cell.
    const inter = both.get(a * kb + b)!;
    out[u] = 1 - inter / (sizeA.get(a)! + sizeB.get(b)! - inter);
  }
  return out;
}

export class LouvainDetector implements Detector {
  readonly supervised = false;
  private readonly kinds: readonly EdgeKind[] | undefined;
  private readonly opts: Omit<GraphOptions, 'seed'>;
  private fitted: { kinds: KindFit[]; f: number; seed: number } | null = null;
  private readonly graphs = new Map<EdgeList, KindGraphs>();

  /**
   * params: kinds (default every kind the context has), periodDays (7), windowDays (28),
   * minUsers (2: hosts fewer users visit are left out of the web graph), maxTargets (50
   * hosts per user and window), maxUsers (50: PCs used by more are left out of the pc
   * graph), resolution (1).
   */
  constructor(
    readonly name: string,
    params: Record<string, unknown> = {},
    defaultKinds?: EdgeKind[],
  ) {
    const kinds = listParam(params.kinds) ?? defaultKinds;
    if (kinds !== undefined) {
      if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every((k) => (EDGE_KINDS as readonly string[]).includes(k))) {
        throw new RangeError(`${name}: kinds must be a non-empty list of ${EDGE_KINDS.join(', ')} (got ${JSON.stringify(kinds)})`);
      }
      this.kinds = kinds as EdgeKind[];
    }
    this.opts = {
      periodDays: intParam(name, params, 'periodDays', 7),
      windowDays: intParam(name, params, 'windowDays', 28),
      minUsers: intParam(name, params, 'minUsers', 2),
      maxTargets: intParam(name, params, 'maxTargets', 50),
      maxUsers: intParam(name, params, 'maxUsers', 50),
      resolution: numParam(name, params, 'resolution', 1, 1e-6, 1e6),
    };
  }

  private graphsFor(list: EdgeList, users: number, seed: number): KindGraphs {
    const known = this.graphs.get(list);
    if (known && known.index.users === users && known.seed === seed) return known;
    const index = new DayIndex(list, users);
    const periods = periodPartitions(index, list.kind, { ...this.opts, seed });
    const g: KindGraphs = { list, seed, index, periods, change: [] };
    this.graphs.set(list, g);
    return g;
  }

  private changeAt(g: KindGraphs, p: number): Float32Array | null {
    const i = p - g.periods.first;
    const cur = partitionAt(g.periods, p), prev = partitionAt(g.periods, p - 1);
    if (!cur || !prev) return null;
    return (g.change[i] ??= communityChange(cur.user, prev.user));
  }

  /** Raw cross and change values of every row for one kind (dist comes from the centroids). */
  private graphComponents(g: KindGraphs, ctx: GraphContext): { cross: Float64Array; change: Float64Array } {
    const n = ctx.user.length;
    const rowDays = ctx.rowDays ?? 1;
    const { list } = g;
    const email = list.kind === 'email';
    const cross = new Float64Array(n), change = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = ctx.user[i]!, t = ctx.time[i]!;
      const p = periodOf(t, this.opts.periodDays);
      const part = partitionAt(g.periods, p);
      change[i] = this.changeAt(g, p)?.[u] ?? 0;
      const mine = part ? part.user[u]! : -1;
      if (!part || mine < 0) continue;
      let total = 0, across = 0;
      g.index.userRange(u, t, t + rowDays, (e) => {
        const tgt = list.target[e]!;
        const c = email ? part.user[tgt]! : part.target[tgt]!;
        if (c < 0) return;
        total += list.count[e]!;
        if (c !== mine) across += list.count[e]!;
      });
      cross[i] = total > 0 ? across / total : 0;
    }
    return { cross, change };
  }

  /** Per kind, each row's raw component values. */
  private values(data: TabularData, fits: KindFit[]): ComponentValues[] {
    const ctx = data.context!;
    return fits.map((k) => {
      const { cross, change } = this.graphComponents(k.graphs, ctx);
      const dist = Float64Array.from(k.centroids.distances(data, Int32Array.from(ctx.user, (u) => k.span.user[u]!)));
      return { cross, change, dist };
    });
  }

  fit(train: TabularData, _labels?: Uint8Array, opts: FitOptions = {}): void {
    checkTrain(this.name, train);
    const ctx = requireContext(this.name, train);
    this.dispose();
    const seed = opts.seed ?? 0;
    const lists = edgeLists(this.name, ctx, this.kinds);
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < train.n; i++) {
      lo = Math.min(lo, ctx.time[i]!);
      hi = Math.max(hi, ctx.time[i]!);
    }
    const kinds: KindFit[] = lists.map((list) => {
      const graphs = this.graphsFor(list, ctx.users.length, seed);
      const span = spanPartition(graphs.index, list.kind, lo, hi + (ctx.rowDays ?? 1), { ...this.opts, seed });
      let k = 0;
      for (const c of span.user) k = Math.max(k, c + 1);
      const centroids = new CommunityCentroids(train, Int32Array.from(ctx.user, (u) => span.user[u]!), k);
      return { graphs, span, centroids, ranks: {} as Record<Component, TailRank> };
    });
    const vals = this.values(train, kinds);
    kinds.forEach((k, j) => {
      for (const c of COMPONENTS) k.ranks[c] = new TailRank(vals[j]![c]);
    });
    this.fitted = { kinds, f: train.f, seed };
  }

  /** The raw components of each row per kind, in the order of the fitted kinds (for inspection and tests). */
  components(data: TabularData): { kinds: EdgeKind[]; values: ComponentValues[] } {
    if (!this.fitted) notFitted(this.name);
    checkData(this.name, data, this.fitted.f);
    const ctx = requireContext(this.name, data);
    const fits = this.fitted.kinds.map((k) => {
      const list = edgeLists(this.name, ctx, [k.graphs.list.kind])[0]!;
      return list === k.graphs.list ? k : { ...k, graphs: this.graphsFor(list, ctx.users.length, this.fitted!.seed) };
    });
    return { kinds: fits.map((k) => k.graphs.list.kind), values: this.values(data, fits) };
  }

  score(data: TabularData): Float32Array {
    const { values } = this.components(data);
    const fits = this.fitted!.kinds;
    const out = new Float32Array(data.n);
    for (let i = 0; i < data.n; i++) {
      let s = 0;
      for (const c of COMPONENTS) {
        let r = 0;
        fits.forEach((k, j) => (r -= Math.log(k.ranks[c].p(values[j]![c][i]!))));
        s += r / fits.length;
      }
      out[i] = s;
    }
    return out;
  }

  dispose(): void {
    for (const k of this.fitted?.kinds ?? []) k.centroids.dispose();
    this.fitted = null;
  }
}

// A small seeded organisation for the graph-detector tests: two groups of users, each
// mailing its own members and logging on to its own PCs (a private one and the group's
// shared one), every day. A mover turns to the other group from a given day on: they
// mail its people and use its PCs; with `transfer` the groups also treat them as moved
// (the new group mails them, the old one stops). Rows are user-days with plain noise features.
import { Rng } from '../../src/util/rng.js';
import type { TabularData } from '../../src/baselines/index.js';
import type { EdgeList, GraphContext } from '../../src/baselines/graph/types.js';

export interface World {
  users: string[];
  /** Group of each user: 0 or 1. */
  group: number[];
  edges: EdgeList[];
  /** Day numbers (days since 1970-01-01) covered, in order. */
  days: number[];
}

/** 2010-01-03, a Sunday: periods start on it. */
export const SUNDAY = 14612;

export function world(opts: { perGroup: number; weeks: number; mover?: { user: number; fromDay: number; transfer?: boolean }; seed: number }): World {
  const rng = new Rng(opts.seed, 3);
  const U = 2 * opts.perGroup;
  const users = Array.from({ length: U }, (_, i) => `U${String(i).padStart(3, '0')}`);
  const group = Array.from({ length: U }, (_, i) => (i < opts.perGroup ? 0 : 1));
  const groupOn = (u: number, d: number) => (opts.mover && opts.mover.user === u && d >= opts.mover.fromDay ? 1 - group[u]! : group[u]!);
  // PCs: one private per user (index u), then one shared per group (U + g).
  const pcs = [...users.map((u) => `PC-${u}`), 'PC-A', 'PC-B'];
  const days = Array.from({ length: 7 * opts.weeks }, (_, d) => SUNDAY + d);
  const mail = { user: [] as number[], target: [] as number[], day: [] as number[], count: [] as number[] };
  const pc = { user: [] as number[], target: [] as number[], day: [] as number[], count: [] as number[] };
  const push = (e: typeof mail, u: number, t: number, d: number, c: number) => {
    e.user.push(u);
    e.target.push(t);
    e.day.push(d);
    e.count.push(c);
  };
  for (const d of days) {
    const members = [0, 1].map((g) => users.map((_, i) => i).filter((i) => (opts.mover?.transfer ? groupOn(i, d) : group[i]) === g));
    for (let u = 0; u < U; u++) {
      const g = groupOn(u, d);
      const moved = g !== group[u];
      const peers = members[g]!.filter((v) => v !== u);
      const picked = new Set<number>();
      for (let k = 0; k < 3; k++) picked.add(peers[rng.int(peers.length)]!);
      for (const v of [...picked].sort((a, b) => a - b)) push(mail, u, v, d, 1 + rng.int(3));
      // A mover has no PC of their own in the new group yet: they use a colleague's.
      push(pc, u, moved ? peers[rng.int(peers.length)]! : u, d, 1);
      push(pc, u, U + g, d, 1 + rng.int(2));
    }
  }
  // One bridge between the groups, so the graph is connected and Louvain must cut it.
  push(mail, 0, opts.perGroup, days[0]!, 1);
  const list = (kind: 'email' | 'pc', e: typeof mail, targets: string[]): EdgeList => ({
    kind,
    user: Int32Array.from(e.user),
    target: Int32Array.from(e.target),
    targets,
    day: Int32Array.from(e.day),
    count: Float32Array.from(e.count),
  });
  return { users, group, days, edges: [list('email', mail, users), list('pc', pc, pcs)] };
}

/**
 * User-day rows of `days` for every user and their graph context. Features: the user's
 * group (0/1) in feature 0, then standard normal noise times `noise` (0: none, so that only
 * the graph tells rows apart).
 */
export function rows(w: World, days: number[], f: number, seed: number, noise = 1): TabularData {
  const rng = new Rng(seed, 4);
  const n = days.length * w.users.length;
  const x = new Float32Array(n * f).map(() => noise * rng.normal());
  for (let i = 0; i < n; i++) x[i * f] = w.group[Math.floor(i / days.length)]!;
  const user = new Int32Array(n), time = new Int32Array(n);
  let i = 0;
  for (let u = 0; u < w.users.length; u++) {
    for (const d of days) {
      user[i] = u;
      time[i] = d;
      i++;
    }
  }
  const context: GraphContext = { users: w.users, user, time, edges: w.edges };
  return { x, n, f, context };
}

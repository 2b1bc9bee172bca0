// The user graph of each period, from the log edges of a trailing window of days.
//
// Why a trailing window ending with the period (and not one graph of the training
// period): a period's graph then holds only edges from its own days and the days
// before, the same logs its features were computed from, so a model fitted on the
// training rows never sees an edge from after its last training day, and a test day is
// scored with the graph a deployment would have at the end of that day. A new contact
// (an insider logging on to a supervisor's PC) shows in the very period it happens.
//
// Weights: email contact between two users is log1p(messages either way in the window),
// so one heavy correspondent does not drown the rest; each PC that k users logged on to
// in the window adds 1/(k-1) to every pair of them (a user's total from one PC is at most
// 1), and a PC with more than maxPcUsers users (a lab or kiosk) adds nothing: it says
// nothing about who works with whom and would add k² pairs. Web edges are not used
// (a shared popular domain is not a relationship).
import type { EdgeKind, GraphContext } from '../graph/types.js';

/** Undirected user pairs a[i] < b[i] with raw weight w[i] > 0, sorted by (a, b). */
export interface UserGraph {
  a: Int32Array;
  b: Int32Array;
  w: Float32Array;
}

export interface GraphOptions {
  /** Days of logs behind each period's graph (at least the period's own length). */
  windowDays: number;
  kinds: ReadonlySet<EdgeKind>;
  /** PCs logged on to by more users than this in a window add no edges. */
  maxPcUsers: number;
}

/** One kind's edges in day order, so a window is a contiguous run. */
interface DayOrdered {
  user: Int32Array;
  target: Int32Array;
  day: Int32Array;
  count: Float32Array;
}

function dayOrdered(ctx: GraphContext, kind: EdgeKind): DayOrdered {
  const lists = ctx.edges.filter((e) => e.kind === kind);
  const m = lists.reduce((s, e) => s + e.user.length, 0);
  const out: DayOrdered = { user: new Int32Array(m), target: new Int32Array(m), day: new Int32Array(m), count: new Float32Array(m) };
  if (m === 0) return out;
  let lo = Infinity, hi = -Infinity;
  for (const e of lists) for (const d of e.day) { if (d < lo) lo = d; if (d > hi) hi = d; }
  // Counting sort by day: stable, and linear in the millions of email edges.
  const start = new Int32Array(hi - lo + 2);
  for (const e of lists) for (const d of e.day) start[d - lo + 1]++;
  for (let i = 1; i < start.length; i++) start[i] += start[i - 1];
  for (const e of lists) {
    for (let i = 0; i < e.user.length; i++) {
      const at = start[e.day[i] - lo]++;
      out.user[at] = e.user[i]; out.target[at] = e.target[i]; out.day[at] = e.day[i]; out.count[at] = e.count[i];
    }
  }
  return out;
}

/** Adds c to a running count, dropping the key when it returns to zero. */
function bump(m: Map<number, number>, key: number, c: number): void {
  const v = (m.get(key) ?? 0) + c;
  if (Math.abs(v) < 1e-9) m.delete(key);
  else m.set(key, v);
}

/**
 * The graph of every period: period k covers days [starts[k], starts[k] + periodDays) and
 * its graph the window [starts[k] + periodDays - W, starts[k] + periodDays) with
 * W = max(windowDays, periodDays). starts must be ascending; the windows then slide
 * forward, so each edge is added and removed once.
 */
export function windowGraphs(ctx: GraphContext, starts: ArrayLike<number>, periodDays: number, o: GraphOptions): UserGraph[] {
  const U = ctx.users.length;
  const W = Math.max(o.windowDays, periodDays);
  const email = o.kinds.has('email') ? dayOrdered(ctx, 'email') : null;
  const pc = o.kinds.has('pc') ? dayOrdered(ctx, 'pc') : null;
  // Running counts in the window: mail per unordered user pair; logons per (pc, user).
  const mail = new Map<number, number>();
  const logons = new Map<number, number>();
  const cursor = { mailHi: 0, mailLo: 0, pcHi: 0, pcLo: 0 };
  const mailKey = (e: DayOrdered, i: number) => {
    const u = e.user[i], v = e.target[i];
    return u === v ? -1 : u < v ? u * U + v : v * U + u;
  };
  const out: UserGraph[] = [];
  for (let k = 0; k < starts.length; k++) {
    if (k > 0 && starts[k] < starts[k - 1]) throw new Error('windowGraphs: period starts must be ascending');
    const end = starts[k] + periodDays, from = end - W;
    if (email) {
      for (; cursor.mailHi < email.day.length && email.day[cursor.mailHi] < end; cursor.mailHi++) {
        const key = mailKey(email, cursor.mailHi);
        if (key >= 0) bump(mail, key, email.count[cursor.mailHi]);
      }
      for (; cursor.mailLo < cursor.mailHi && email.day[cursor.mailLo] < from; cursor.mailLo++) {
        const key = mailKey(email, cursor.mailLo);
        if (key >= 0) bump(mail, key, -email.count[cursor.mailLo]);
      }
    }
    if (pc) {
      for (; cursor.pcHi < pc.day.length && pc.day[cursor.pcHi] < end; cursor.pcHi++) bump(logons, pc.target[cursor.pcHi] * U + pc.user[cursor.pcHi], pc.count[cursor.pcHi]);
      for (; cursor.pcLo < cursor.pcHi && pc.day[cursor.pcLo] < from; cursor.pcLo++) bump(logons, pc.target[cursor.pcLo] * U + pc.user[cursor.pcLo], -pc.count[cursor.pcLo]);
    }
    out.push(pairGraph(U, mail, logons, o.maxPcUsers));
  }
  return out;
}

function pairGraph(U: number, mail: Map<number, number>, logons: Map<number, number>, maxPcUsers: number): UserGraph {
  const pairs = new Map<number, number>();
  for (const [key, c] of mail) if (c > 0) pairs.set(key, Math.log1p(c));
  const byPc = new Map<number, number[]>();
  for (const [key, c] of logons) {
    if (c <= 0) continue;
    const p = Math.floor(key / U);
    let list = byPc.get(p);
    if (!list) byPc.set(p, (list = []));
    list.push(key - p * U);
  }
  for (const users of byPc.values()) {
    const k = users.length;
    if (k < 2 || k > maxPcUsers) continue;
    users.sort((x, y) => x - y);
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) bump(pairs, users[i] * U + users[j], 1 / (k - 1));
  }
  // A typed array's numeric sort: several times faster than Array#sort with a comparator,
  // and this runs once per period (500 times for r4.2).
  const keys = Float64Array.from(pairs.keys()).sort();
  const g: UserGraph = { a: new Int32Array(keys.length), b: new Int32Array(keys.length), w: new Float32Array(keys.length) };
  keys.forEach((key, i) => {
    g.a[i] = Math.floor(key / U);
    g.b[i] = key - g.a[i] * U;
    g.w[i] = pairs.get(key)!;
  });
  return g;
}

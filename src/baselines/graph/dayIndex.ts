// An EdgeList regrouped by (day, user) with a counting sort, so that "user u's edges on
// day d" and "every edge of days [a, b)" are contiguous slices; the lists can hold
// millions of web edges, which a comparator sort or per-row search would make slow.
import type { EdgeList } from './types.js';

export class DayIndex {
  /** First day (days since 1970-01-01) and number of days covered. */
  readonly day0: number;
  readonly days: number;
  readonly users: number;
  /** Edge indices grouped by key (day - day0) * users + user; key k spans [start[k], start[k + 1]). */
  readonly order: Int32Array;
  readonly start: Int32Array;

  constructor(
    readonly list: EdgeList,
    users: number,
  ) {
    const n = list.user.length;
    if (list.target.length !== n || list.day.length !== n || list.count.length !== n) {
      throw new RangeError(`${list.kind} edges: user, target, day and count must have the same length (${n}, ${list.target.length}, ${list.day.length}, ${list.count.length})`);
    }
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const u = list.user[i]!, t = list.target[i]!;
      if (u < 0 || u >= users) throw new RangeError(`${list.kind} edges: user index ${u} at ${i} outside [0, ${users})`);
      if (t < 0 || t >= list.targets.length) throw new RangeError(`${list.kind} edges: target index ${t} at ${i} outside [0, ${list.targets.length})`);
      lo = Math.min(lo, list.day[i]!);
      hi = Math.max(hi, list.day[i]!);
    }
    this.users = users;
    this.day0 = n ? lo : 0;
    this.days = n ? hi - lo + 1 : 0;
    const keys = this.days * users;
    const start = new Int32Array(keys + 1);
    for (let i = 0; i < n; i++) start[(list.day[i]! - this.day0) * users + list.user[i]! + 1]!++;
    for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
    const fill = start.slice(0, keys);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[fill[(list.day[i]! - this.day0) * users + list.user[i]!]!++] = i;
    this.order = order;
    this.start = start;
  }

  /** The slice of `order` holding user u's edges on days [from, to). */
  userRange(u: number, from: number, to: number, visit: (edge: number) => void): void {
    const a = Math.max(from, this.day0) - this.day0, b = Math.min(to, this.day0 + this.days) - this.day0;
    for (let d = a; d < b; d++) {
      const k = d * this.users + u;
      for (let p = this.start[k]!; p < this.start[k + 1]!; p++) visit(this.order[p]!);
    }
  }

  /** Every edge of days [from, to) in (day, user) order. */
  dayRange(from: number, to: number, visit: (edge: number) => void): void {
    const a = Math.max(from, this.day0) - this.day0, b = Math.min(to, this.day0 + this.days) - this.day0;
    if (b <= a) return;
    for (let p = this.start[a * this.users]!; p < this.start[b * this.users]!; p++) visit(this.order[p]!);
  }
}

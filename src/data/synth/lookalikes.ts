// Benign look-alikes: ordinary staff who, once, do something an insider scenario does
// (a burst of thumb-drive copies, a week on job sites, a cloud upload, a night session
// with copies) and then carry on and stay. Their rows are untagged, so they are not in
// answers/: a detector that flags "did something unusual once" pays for it in false
// positives. Chosen from their own stream after insiders and leavers are fixed.
import type { Calendar } from './calendar.js';
import type { Org } from './org.js';
import { Rng, Stream } from './rng.js';
import { involvedUsers, type InsiderPlan } from './scenarios/plan.js';
import type { LookalikeKind } from './types.js';

export const LOOKALIKE_KINDS: readonly LookalikeKind[] = ['drive', 'jobs', 'cloud', 'night'];

export interface Lookalike {
  user: number;
  kind: LookalikeKind;
  /** The days the kind's activity is written on (workdays, in order). */
  days: number[];
}

/** Consecutive workdays a kind lasts: a burst of copies 1–3, a week of job hunting, one upload or night. */
function span(kind: LookalikeKind, rng: Rng): number {
  if (kind === 'drive') return rng.range(1, 3);
  if (kind === 'jobs') return 5;
  if (kind === 'cloud') return rng.range(1, 2);
  return 1;
}

export function planLookalikes(org: Org, plans: InsiderPlan[], cal: Calendar, seed: number, count: number): Lookalike[] {
  if (count <= 0) return [];
  const rng = new Rng(seed, Stream.Lookalikes);
  const P = cal.length;
  const busy = involvedUsers(plans);
  // People who stay to the end: a look-alike who then left would look like scenario 1 or 2 for real.
  const pool = org.users.filter((u) => !busy.has(u.index) && u.lastDay >= P - 1 && u.supervisor >= 0).map((u) => u.index);
  const chosen = rng.sample(pool, count).sort((a, b) => a - b);
  return chosen.map((user) => {
    const kind = LOOKALIKE_KINDS[rng.int(LOOKALIKE_KINDS.length)]!;
    const n = span(kind, rng);
    const lo = Math.floor(P * 0.1);
    const hi = Math.max(lo, Math.floor(P * 0.9) - 1);
    let d = cal.nextWorkday(rng.range(lo, hi));
    const days: number[] = [];
    for (; d >= 0 && days.length < n; d = cal.nextWorkday(d + 1)) days.push(d);
    return { user, kind, days };
  });
}

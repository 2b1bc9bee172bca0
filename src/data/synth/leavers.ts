// Who leaves the company and when: insiders after their scenario, laid-off groups, and
// ordinary attrition (less satisfied people leave more often). Leavers have no
// activity after their last day and drop out of the next monthly LDAP snapshot.
import type { Org } from './org.js';
import { Rng, Stream } from './rng.js';
import type { InsiderPlan } from './scenarios/plan.js';

/** Sets User.lastDay for everyone. Returns the benign leavers' indices. */
export function assignLeavers(org: Org, plans: InsiderPlan[], keep: Map<number, number>, days: number, seed: number): number[] {
  const rng = new Rng(seed, Stream.Leavers);
  const users = org.users;
  for (const u of users) u.lastDay = days - 1;
  const insider = new Set<number>();
  for (const p of plans) {
    insider.add(p.user);
    if (p.leaves >= 0) users[p.user]!.lastDay = p.leaves;
    if (p.layoff) for (const m of p.layoff.users) users[m]!.lastDay = p.layoff.day;
  }
  const laid = new Set(plans.flatMap((p) => p.layoff?.users ?? []));
  // About 0.6% of staff per month leave; people who manage others stay.
  const perDay = 0.006 / 30;
  const benign: number[] = [];
  for (const u of users) {
    if (insider.has(u.index) || laid.has(u.index) || org.reports[u.index]!.length > 0 || u.supervisor < 0) continue;
    const p = 1 - Math.exp(-perDay * days * (1.6 - u.satisfaction) * 1.2);
    if (!rng.chance(p)) continue;
    const earliest = Math.max(Math.floor(days * 0.08), (keep.get(u.index) ?? -1) + 1);
    if (earliest >= days - 1) continue;
    u.lastDay = rng.range(earliest, days - 2);
    benign.push(u.index);
  }
  return benign;
}

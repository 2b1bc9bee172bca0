// Which users become insiders, when, and what they do on which day. Plans are fixed
// before any day is generated (from their own random stream), so every worker thread
// sees the same plans.
//
// Scenarios (CERT red-team descriptions):
//  1 after-hours logins, thumb drive, uploads to wikileaks.org; leaves soon after.
//  2 job hunting and contacting a competitor; then thumb-drive copying at a much higher
//    rate than before; leaves.
//  3 disgruntled ITAdmin: downloads a keylogger, plants it by thumb drive on the
//    supervisor's PC, next day logs in as the supervisor and sends an alarming mass
//    email; leaves immediately.
//  4 logs into a coworker's machine, searches files, mails them to a personal address,
//    more and more often over about three months.
//  5 after layoffs in the department, uploads documents to cloud storage (Dropbox).
import type { Calendar } from '../calendar.js';
import type { Habits } from '../habits.js';
import type { Org } from '../org.js';
import { apportion } from '../org.js';
import { Rng, Stream } from '../rng.js';

/** Malicious steps of a day (bit flags). */
export const Step = {
  Night: 1, // s1: after-hours session, thumb drive, wikileaks uploads
  Jobs: 2, // s2: job sites and competitor sites
  Exfil: 4, // s2: heavy thumb-drive copying
  Keylogger: 8, // s3: keylogger download
  Plant: 16, // s3: keylogger copied to the supervisor's PC
  Masquerade: 32, // s3: logs in as the supervisor, mass email
  Snoop: 64, // s4: another user's PC, file search, mail to personal address
  Upload: 128, // s5: documents uploaded to cloud storage
} as const;

export interface InsiderPlan {
  /** Position in the insiders list (tag = no + 1 marks its events). */
  no: number;
  user: number;
  scenario: number;
  /** Day index -> Step flags. */
  steps: Map<number, number>;
  first: number;
  last: number;
  /** s3: the supervisor; s4: the coworker whose machine is used; else -1. */
  victim: number;
  /** Last day with any activity, or -1 when the insider stays. */
  leaves: number;
  /** s5: the layoff day and who was laid off. */
  layoff: { day: number; users: number[] } | null;
  /** s2: first day of the heavy-copying stage. */
  exfilFrom: number;
}

/** Relative weights when splitting K insiders over the scenarios (r4.2: 30/30/10). */
export const SCENARIO_WEIGHTS: Record<number, number> = { 1: 3, 2: 3, 3: 1, 4: 2, 5: 2 };

/** How many insiders of each scenario: proportional to the weights, at least one each when K allows. */
export function splitInsiders(k: number, scenarios: number[]): Map<number, number> {
  const uniq = [...new Set(scenarios)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  if (uniq.length === 0 || k <= 0) return out;
  if (k < uniq.length) {
    uniq.slice(0, k).forEach((s) => out.set(s, 1));
    return out;
  }
  const base = apportion(k - uniq.length, uniq.map((s) => SCENARIO_WEIGHTS[s] ?? 1));
  uniq.forEach((s, i) => out.set(s, 1 + base[i]!));
  // Prefer the exact weighted split when it already gives everyone one.
  const exact = apportion(k, uniq.map((s) => SCENARIO_WEIGHTS[s] ?? 1));
  if (exact.every((n) => n > 0)) uniq.forEach((s, i) => out.set(s, exact[i]!));
  return out;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

export interface PlanResult {
  plans: InsiderPlan[];
  /** Users who must stay employed through the given day (victims, supervisors). */
  keep: Map<number, number>;
}

export function planInsiders(
  org: Org,
  habits: Habits[],
  cal: Calendar,
  seed: number,
  insiders: number,
  scenarios: number[],
  intensity: number,
  layoffCap = 1,
): PlanResult {
  const rng = new Rng(seed, Stream.Plans);
  const P = cal.length;
  const users = org.users;
  const counts = splitInsiders(insiders, scenarios);
  const taken = new Set<number>();
  const keep = new Map<number, number>();
  let laidOff = 0;
  const canBe = (i: number) => !taken.has(i) && org.reports[i]!.length === 0 && users[i]!.supervisor >= 0 && !keep.has(i);
  const pickUser = (scn: number, ok: (i: number) => boolean): number => {
    const pool = users.map((u) => u.index).filter((i) => canBe(i) && ok(i));
    if (pool.length === 0) throw new Error(`not enough suitable users for another scenario-${scn} insider (try more --users or fewer --insiders)`);
    const u = rng.pick(pool);
    taken.add(u);
    return u;
  };

  // Constrained scenarios first: 3 (ITAdmin), 5 (department with layoffs), 4 (coworker).
  const order = [3, 5, 4, 1, 2];
  const chosen: { scenario: number; user: number }[] = [];
  for (const s of order) {
    for (let i = 0; i < (counts.get(s) ?? 0); i++) {
      let user: number;
      if (s === 3) user = pickUser(3, (j) => users[j]!.itAdmin);
      else if (s === 5)
        user = pickUser(5, (j) => {
          const d = users[j]!.dept;
          return d >= 0 && org.deptMembers[d]!.filter((m) => org.reports[m]!.length === 0).length >= 4;
        });
      else if (s === 4) user = pickUser(4, (j) => users[j]!.dept >= 0 && org.deptMembers[users[j]!.dept]!.length >= 3);
      else user = pickUser(s, (j) => !users[j]!.itAdmin);
      chosen.push({ scenario: s, user });
    }
  }
  // Start dates spread over the period: shuffle, then assign evenly spaced slots.
  rng.shuffle(chosen);
  const K = chosen.length;
  const plans: InsiderPlan[] = [];
  chosen.forEach(({ scenario, user }, slot) => {
    const f = 0.1 + 0.72 * ((slot + rng.float()) / Math.max(1, K));
    const plan: InsiderPlan = { no: 0, user, scenario, steps: new Map(), first: 0, last: 0, victim: -1, leaves: -1, layoff: null, exfilFrom: -1 };
    const steps = plan.steps;
    const add = (d: number, flag: number) => steps.set(d, (steps.get(d) ?? 0) | flag);
    const place = (span: number) => {
      const hi = P - span - 2;
      if (hi < 1) throw new Error(`--days ${P} is too short for scenario ${scenario} (needs about ${span + 3} days)`);
      return clamp(Math.round(f * P), 1, hi);
    };
    // Durations follow the release notes on long runs and shrink with short ones.
    const upTo = (share: number, floor: number) => Math.max(floor, Math.floor(share * P));
    const workdays = (a: number, b: number) => {
      const out: number[] = [];
      for (let d = a; d <= b; d++) if (cal.isWorkday(d)) out.push(d);
      return out;
    };
    const p = (x: number) => Math.min(1, x * intensity);
    if (scenario === 1) {
      const len = clamp(rng.range(7, 28), 2, upTo(0.3, 2));
      const gap = Math.min(rng.range(1, 10), upTo(0.1, 1));
      const s0 = place(len + gap);
      add(s0, Step.Night);
      for (let d = s0 + 1; d < s0 + len; d++) if (rng.chance(p(cal.isWorkday(d) ? 0.3 : 0.1))) add(d, Step.Night);
      plan.leaves = Math.min(P - 1, Math.max(...steps.keys()) + gap);
      // The point of scenario 1: no thumb drive and no after-hours work before.
      const h = habits[user]!;
      h.drive = 0;
      h.filesPerConn = 0;
      h.afterHours = 0;
      h.weekend = 0;
    } else if (scenario === 2) {
      const len = clamp(rng.range(28, 63), 4, upTo(0.45, 4));
      const gap = Math.min(rng.range(0, 5), upTo(0.1, 0));
      const s0 = place(len + gap);
      const exfilLen = clamp(Math.round(len * rng.uniform(0.25, 0.4)), 3, len);
      plan.exfilFrom = s0 + len - exfilLen;
      const wd = workdays(s0, s0 + len - 1);
      const jobDays = wd.filter((d, i) => i === 0 || rng.chance(p(0.45)));
      for (const d of jobDays) add(d, Step.Jobs);
      const ex = wd.filter((d) => d >= plan.exfilFrom);
      ex.forEach((d, i) => {
        if (i === ex.length - 1 || rng.chance(p(0.7))) add(d, Step.Exfil);
      });
      if (ex.length === 0) add(s0 + len - 1, Step.Exfil);
      plan.leaves = Math.min(P - 1, Math.max(...steps.keys()) + gap);
      // Thumb-drive users and non-users alike; the rate change is what matters.
    } else if (scenario === 3) {
      const s0 = place(8);
      const a = cal.nextWorkday(s0);
      const plant = cal.nextWorkday(a + rng.range(0, 2));
      const masq = cal.nextWorkday(plant + 1);
      if (a < 0 || plant < 0 || masq < 0) throw new Error('--days too short for scenario 3');
      add(a, Step.Keylogger);
      add(plant, Step.Plant);
      add(masq, Step.Masquerade);
      plan.victim = users[user]!.supervisor;
      plan.leaves = masq;
      keep.set(plan.victim, Math.max(keep.get(plan.victim) ?? 0, masq));
    } else if (scenario === 4) {
      const len = clamp(rng.range(60, 100), 5, upTo(0.6, 5));
      const s0 = place(len);
      const wd = workdays(s0, s0 + len - 1);
      wd.forEach((d, i) => {
        const t = i / Math.max(1, wd.length - 1);
        if (i === 0 || rng.chance(p(0.06 + 0.5 * t * t))) add(d, Step.Snoop);
      });
      const u = users[user]!;
      const coworkers = org.deptMembers[u.dept]!.filter((m) => m !== user && !taken.has(m));
      if (coworkers.length === 0) throw new Error('scenario 4 insider has no coworker');
      plan.victim = rng.pick(coworkers);
      keep.set(plan.victim, Math.max(keep.get(plan.victim) ?? 0, s0 + len));
    } else if (scenario === 5) {
      const pre = Math.min(rng.range(3, 10), upTo(0.1, 1));
      const len = clamp(rng.range(14, 40), 3, upTo(0.35, 3));
      const gap = Math.min(rng.range(3, 15), upTo(0.1, 1));
      const L = place(pre + len + gap);
      const wd = workdays(L + pre, L + pre + len - 1);
      wd.forEach((d, i) => {
        if (i === 0 || rng.chance(p(0.4))) add(d, Step.Upload);
      });
      if (steps.size === 0) add(L + pre, Step.Upload);
      plan.leaves = Math.min(P - 1, Math.max(...steps.keys()) + gap);
      const u = users[user]!;
      const pool = org.deptMembers[u.dept]!.filter((m) => m !== user && org.reports[m]!.length === 0 && !taken.has(m) && !keep.has(m));
      const want = Math.max(1, Math.round(pool.length * rng.uniform(0.25, 0.4)));
      // Many scenario-5 insiders would otherwise lay off most of the company; sample()
      // draws the same numbers whatever the count, so the cap changes nothing else.
      const room = Math.max(1, Math.floor(layoffCap * users.length) - laidOff);
      const laid = rng.sample(pool, Math.min(want, room));
      laidOff += laid.length;
      for (const m of laid) taken.add(m); // laid-off people are not insiders or victims
      plan.layoff = { day: L, users: laid.sort((x, y) => x - y) };
    }
    const days = [...steps.keys()].sort((x, y) => x - y);
    plan.first = days[0]!;
    plan.last = days[days.length - 1]!;
    plans.push(plan);
  });
  // Number the insiders by start date, then user id, for stable, readable listings.
  plans.sort((x, y) => x.first - y.first || users[x.user]!.id.localeCompare(users[y.user]!.id));
  plans.forEach((pl, i) => (pl.no = i));
  return { plans, keep };
}

/** Everyone an insider plan involves: the insiders, their victims and the staff their lay-offs remove. */
export function involvedUsers(plans: InsiderPlan[]): Set<number> {
  const out = new Set<number>();
  for (const p of plans) {
    out.add(p.user);
    if (p.victim >= 0) out.add(p.victim);
    for (const m of p.layoff?.users ?? []) out.add(m);
  }
  return out;
}

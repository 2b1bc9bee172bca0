// Behaviour drift: a share of benign users whose habits change once, on a day between
// 20 % and 80 % of the run, and stay changed: other working hours, another activity mix
// (mail, web, thumb drive, local files, topics), a new PC, or a new role and projects in
// LDAP that come with new work topics. A detector that learned a user's early months as
// "normal" sees the later ones as a change point although nothing malicious happened.
// Insiders, their victims and laid-off staff never drift, so scenarios stay as written.
import type { Calendar } from './calendar.js';
import type { Habits } from './habits.js';
import { makePcId } from './ids.js';
import type { Org } from './org.js';
import { Rng, Stream, cumulative } from './rng.js';
import { involvedUsers, type InsiderPlan } from './scenarios/plan.js';
import type { DriftChange } from './types.js';
import { IT_UNIT, PROJECTS, TOPIC_NAMES, WORK_TOPICS } from './vocab.js';

export const DRIFT_CHANGES: readonly DriftChange[] = ['hours', 'mix', 'pc', 'role'];

export interface Drift {
  user: number;
  /** First day of the new habits. */
  day: number;
  changes: DriftChange[];
  habits: Habits;
  /** Index into World.pcB of the new PC (-1: keeps the old one). */
  pc: number;
  /** LDAP from the first snapshot on or after `day` (null: unchanged). */
  role: string | null;
  projects: string[] | null;
}

const HOUR = 3600;
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** Drifts, plus the names of the new PCs (numbered after org.pcs). */
export function planDrift(org: Org, habits: Habits[], plans: InsiderPlan[], cal: Calendar, seed: number, share: number): { drifts: Drift[]; newPcs: string[] } {
  if (share <= 0) return { drifts: [], newPcs: [] };
  const rng = new Rng(seed, Stream.Drift);
  const P = cal.length;
  const fixed = involvedUsers(plans);
  const pool = org.users.filter((u) => !fixed.has(u.index) && u.supervisor >= 0).map((u) => u.index);
  const chosen = rng.sample(pool, Math.round(pool.length * share)).sort((a, b) => a - b);
  const taken = new Set(org.pcs);
  const newPcs: string[] = [];
  const drifts = chosen.map((user) => {
    const u = org.users[user]!;
    const day = rng.range(Math.floor(P * 0.2), Math.max(Math.floor(P * 0.2), Math.floor(P * 0.8)));
    const unit = u.fu >= 0 ? org.units[u.fu] : undefined;
    // Managers keep their posts, and IT has only the one role.
    const canRecast = !!unit && unit.name !== IT_UNIT && org.reports[user]!.length === 0 && unit.roles.length > 1;
    let changes = DRIFT_CHANGES.filter((c) => (c !== 'role' || canRecast) && rng.chance(0.45));
    if (changes.length === 0) changes = [rng.pick(DRIFT_CHANGES.filter((c) => c !== 'role' || canRecast))];
    const h: Habits = { ...habits[user]! };
    let role: string | null = null;
    let projects: string[] | null = null;
    if (changes.includes('hours')) {
      const shift = (rng.chance(0.5) ? 1 : -1) * rng.uniform(1, 2.5) * HOUR;
      h.start = clamp(h.start + shift, 6 * HOUR, 12 * HOUR);
      h.length = clamp(h.length * rng.uniform(0.8, 1.2), 6 * HOUR, 11 * HOUR);
      h.afterHours = rng.chance(0.5) ? rng.uniform(0.05, 0.3) : 0;
      h.weekend = rng.chance(0.3) ? rng.uniform(0.05, 0.25) : 0;
    }
    if (changes.includes('mix') || changes.includes('role')) {
      const f = () => Math.exp(rng.uniform(-0.7, 0.7)); // ×0.5 … ×2
      h.email = clamp(h.email * f(), 0.3, 60);
      h.http = clamp(h.http * f(), 5, 600);
      h.localFiles = h.localFiles * f();
      h.drive = h.drive > 0 ? (rng.chance(0.3) ? 0 : clamp(h.drive * f(), 0.2, 12)) : rng.chance(0.4) ? rng.uniform(0.3, 2.5) : 0;
      h.filesPerConn = h.drive > 0 ? h.filesPerConn || rng.uniform(0.5, 4) : 0;
      const topics = rng.sample(TOPIC_NAMES.map((_, i) => i), rng.range(3, 6));
      h.topics = Int32Array.from(new Set([...topics, h.workTopics[0]!]));
      h.topicCum = cumulative(Array.from(h.topics, () => rng.exponential(1)));
    }
    if (changes.includes('role')) {
      const others = unit!.roles.filter(([r]) => r !== u.role);
      role = others.length ? rng.pick(others)[0] : u.role;
      projects = rng.sample(PROJECTS, rng.range(1, 2));
      const names = Object.keys(WORK_TOPICS);
      const work = WORK_TOPICS[rng.pick(names)] ?? ['news'];
      h.workTopics = Int32Array.from(work.map((t) => TOPIC_NAMES.indexOf(t)));
    }
    let pc = -1;
    if (changes.includes('pc')) {
      newPcs.push(makePcId(rng, taken));
      pc = org.pcs.length + newPcs.length - 1;
    }
    return { user, day, changes, habits: h, pc, role, projects };
  });
  return { drifts, newPcs };
}

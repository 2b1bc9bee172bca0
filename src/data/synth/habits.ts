// Per-user habits that persist over the whole run: working hours, after-hours and
// weekend tendency, absences, thumb-drive and file habits, email and web volume,
// web topics and favourite sites, side interests that overlap with insider behaviour
// (job sites, cloud storage, leak and hacking sites) so insiders are not trivially
// separable from everyone else.
import type { Org } from './org.js';
import { Rng, Stream, cumulative } from './rng.js';
import type { User } from './types.js';
import { TOPIC_NAMES, WORK_TOPICS } from './vocab.js';

export interface Habits {
  /** Usual arrival, seconds after midnight, and its day-to-day spread. */
  start: number;
  startSd: number;
  /** Usual day length in seconds and its spread. */
  length: number;
  lengthSd: number;
  /** Probability of an extra after-hours session on a workday. */
  afterHours: number;
  /** Probability of working on a weekend day or holiday. */
  weekend: number;
  /** Probability of a sick day on a workday. */
  sick: number;
  /** Vacations as [firstDay, lastDay] ranges. */
  vacations: [number, number][];
  /** Mean extra (screen unlock) logons per day. */
  unlocks: number;
  /** Probability per day of a session on a shared PC, and the shared PCs used. */
  sharedPc: number;
  sharedPcs: number[];
  /** ITAdmins: mean sessions per day on other machines. */
  adminVisits: number;
  /** Thumb-drive connections per workday (0 = never uses one) and files per connection. */
  drive: number;
  filesPerConn: number;
  /** r5+: local file events per day. */
  localFiles: number;
  /** Emails per day, share of them to external addresses, r5+ share of views. */
  email: number;
  external: number;
  view: number;
  /** Web visits per day. */
  http: number;
  /** Web topics (indices into TOPIC_NAMES) and cumulative weights. */
  topics: Int32Array;
  topicCum: Float64Array;
  /** Work topics for documents and email. */
  workTopics: Int32Array;
  /** Favourite sites (indices into World.sites) and the share of visits going there. */
  favourites: Int32Array;
  favouriteShare: number;
  /** Share of visits to social sites. */
  social: number;
  /** Probability per day of a job-site browsing spell (benign job hunting). */
  jobSites: number;
  /** Browses job sites in the weeks before leaving (benign leavers). */
  leaverSearch: boolean;
  /** Probability per day of cloud-storage use, leak-site and hacking-site visits. */
  cloud: number;
  leak: number;
  hacking: number;
  /** The user's documents (file names without folder) for file events and attachments. */
  docs: string[];
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
const HOUR = 3600;

/** Mean-one lognormal factor. */
const spread = (rng: Rng, sigma: number) => rng.lognormal(-(sigma * sigma) / 2, sigma);

export function buildHabits(org: Org, u: User, seed: number, days: number, topicSites: number[][]): Habits {
  const rng = new Rng(seed, Stream.Habits, u.index);
  const unit = u.fu >= 0 ? org.units[u.fu] : undefined;
  const manager = org.reports[u.index]!.length > 0;
  const lateness = (30 - u.C) / 20; // low conscientiousness: later and more erratic
  const start = clamp(rng.gauss(8.0, 0.55) + 0.35 * lateness, 6.0, 10.5) * HOUR;
  const startSd = clamp((0.25 + 0.2 * Math.max(0, lateness)) * HOUR * spread(rng, 0.3), 300, 3600);
  const length = clamp(rng.gauss(9.0, 0.55) + (manager ? 0.5 : 0), 7, 11) * HOUR;
  const it = u.itAdmin;
  const afterHours = rng.chance(it ? 0.6 : 0.18) ? rng.uniform(0.02, it ? 0.35 : 0.2) : 0;
  const weekend = rng.chance(it ? 0.45 : 0.12) ? rng.uniform(0.03, 0.25) : 0;
  const vacations: [number, number][] = [];
  const nVac = Math.round((days / 365) * rng.uniform(1.5, 3));
  for (let i = 0; i < nVac; i++) {
    const a = rng.int(Math.max(1, days));
    vacations.push([a, a + rng.range(3, 11)]);
  }
  const drive = rng.chance(it ? 0.6 : 0.27) ? clamp(spread(rng, 0.7) * 2.3, 0.2, 12) : 0;
  const filesPerConn = drive > 0 ? clamp(spread(rng, 0.6) * 2.2, 0.2, 15) : 0;
  const emailMul = unit?.email ?? 1.3;
  const topicPool = rng.sample(TOPIC_NAMES.map((_, i) => i), rng.range(3, 6));
  const work = (unit ? WORK_TOPICS[unit.name] : undefined) ?? ['finance', 'news'];
  const workTopics = Int32Array.from(work.map((t) => TOPIC_NAMES.indexOf(t)));
  const topics = Int32Array.from(new Set([...topicPool, workTopics[0]!]));
  const topicCum = cumulative(Array.from(topics, () => rng.exponential(1)));
  const favs: number[] = [];
  const nFav = rng.range(3, 12);
  for (let i = 0; i < nFav; i++) {
    const pool = topicSites[topics[rng.weighted(topicCum)]!]!;
    if (pool.length) favs.push(rng.pick(pool));
  }
  const docs: string[] = [];
  for (let i = 0, n = rng.range(8, 30); i < n; i++) {
    let name = '';
    for (let k = 0; k < 8; k++) name += '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[rng.int(36)];
    docs.push(name);
  }
  return {
    start,
    startSd,
    length,
    lengthSd: rng.uniform(0.2, 0.6) * HOUR,
    afterHours,
    weekend,
    sick: rng.uniform(0.01, 0.035),
    vacations,
    unlocks: rng.chance(0.6) ? rng.uniform(0.1, 1.0) : 0,
    sharedPc: rng.chance(0.3) ? rng.uniform(0.03, 0.25) : 0,
    sharedPcs: rng.sample(org.sharedPcs, rng.range(1, 3)),
    adminVisits: it ? rng.uniform(0.5, 3) : 0,
    drive,
    filesPerConn,
    localFiles: rng.uniform(1, 5),
    email: clamp(spread(rng, 0.55) * 7.6 * emailMul, 0.3, 60),
    external: clamp((unit?.external ?? 0.2) * spread(rng, 0.5), 0, 0.9),
    view: rng.uniform(0.3, 0.6),
    http: clamp(spread(rng, 0.6) * 97, 5, 600),
    topics,
    topicCum,
    workTopics,
    favourites: Int32Array.from(favs),
    favouriteShare: rng.uniform(0.2, 0.6),
    social: rng.chance(0.7) ? rng.uniform(0.01, 0.15) : 0,
    jobSites: rng.chance(0.1 + 0.3 * (1 - u.satisfaction)) ? rng.uniform(0.01, 0.08) : 0,
    leaverSearch: rng.chance(0.5),
    cloud: rng.chance(0.12) ? rng.uniform(0.03, 0.3) : 0,
    leak: rng.chance(0.02) ? rng.uniform(0.01, 0.05) : 0,
    hacking: rng.chance(it ? 0.15 : 0.01) ? rng.uniform(0.01, 0.05) : 0,
    docs,
  };
}

export function inVacation(h: Habits, day: number): boolean {
  for (const [a, b] of h.vacations) if (day >= a && day <= b) return true;
  return false;
}

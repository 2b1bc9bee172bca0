// The whole simulated world, rebuilt identically from the options in every thread:
// organisation, habits, web sites, insider plans, leavers, plus byte-encoded strings
// the row writers copy from.
import { familyOf } from '../format/index.js';
import { enc } from './bytes.js';
import { Calendar } from './calendar.js';
import { buildHabits, type Habits } from './habits.js';
import { assignLeavers } from './leavers.js';
import { buildOrg, type Org } from './org.js';
import { Rng, Stream } from './rng.js';
import { planDrift, type Drift } from './drift.js';
import { planLookalikes, type Lookalike } from './lookalikes.js';
import { planInsiders, splitInsiders, type InsiderPlan } from './scenarios/plan.js';
import { planSparse, type Gap } from './sparse.js';
import type { GenerateOptions, Release, Site, User } from './types.js';
import {
  ALARM_WORDS,
  CATEGORY_WORDS,
  COMMA_PHRASES,
  COMMON_DOMAINS,
  DOMAIN_CATEGORIES,
  FILE_TYPES,
  SYLLABLES,
  TLDS,
  TOPIC_NAMES,
  TOPICS,
  URL_SUFFIXES,
  type DomainCategory,
} from './vocab.js';

export interface World {
  release: Release;
  r5: boolean;
  r6: boolean;
  seed: number;
  intensity: number;
  cal: Calendar;
  org: Org;
  users: User[];
  habits: Habits[];
  plans: InsiderPlan[];
  /** Plan of each user, if an insider. */
  planOf: (InsiderPlan | undefined)[];
  benignLeavers: number[];
  /** Harder-world knobs (empty when unset): look-alikes, drifting users, logging gaps. */
  lookalikes: Lookalike[];
  lookalikeOf: (Lookalike | undefined)[];
  drifts: Drift[];
  gaps: Gap[];
  sites: Site[];
  /** Site indices per topic (random domains plus common sites) and per category. */
  topicSites: number[][];
  categorySites: Record<DomainCategory, number[]>;
  // Byte-encoded strings.
  siteUrlB: Uint8Array[];
  /** Page vocabulary of each site; null for the common sites, whose pages follow the visitor's topic. */
  siteWords: (Uint8Array[] | null)[];
  urlSuffixB: Uint8Array[];
  /** Recruiting addresses at competitors (scenario 2). */
  competitorMailB: Uint8Array[];
  keyloggerNameB: Uint8Array;
  exeType: number;
  topicWordsB: Uint8Array[][];
  categoryWordsB: Record<DomainCategory, Uint8Array[]>;
  alarmWordsB: Uint8Array[];
  commaPhrasesB: Uint8Array[];
  userIdB: Uint8Array[];
  pcB: Uint8Array[];
  emailB: Uint8Array[];
  personalB: Uint8Array[];
  externalB: Uint8Array[];
  docsB: Uint8Array[][];
  fileExtB: Uint8Array[];
  fileHeaderB: Uint8Array[];
  fileTypeCum: Float64Array;
}

function randomDomain(rng: Rng, seen: Set<string>): string {
  for (;;) {
    let s = '';
    const n = rng.range(2, 4);
    for (let i = 0; i < n; i++) s += rng.pick(SYLLABLES);
    if (rng.chance(0.2)) s += rng.pick(['online', 'net', 'web', 'hub', 'world', 'central', 'daily', 'zone']);
    const name = `${s}.${rng.pick(TLDS)}`;
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
  }
}

export function buildWorld(opts: GenerateOptions): World {
  const cal = new Calendar(opts.start, opts.days);
  const seed = opts.seed;
  const counts = splitInsiders(opts.insiders, opts.scenarios);
  const s3 = counts.get(3) ?? 0;
  const org = buildOrg(opts.users, seed, Math.max(2, s3 * 2 + 1));

  // Web sites: random domains per topic, common sites shared by all topics, and the
  // category sites (job, cloud, leak, hacking, social, competitors).
  const srng = new Rng(seed, Stream.Org, 0x5173);
  const sites: Site[] = [];
  const seen = new Set<string>();
  const topicSites: number[][] = TOPIC_NAMES.map(() => []);
  const common: number[] = [];
  for (const d of COMMON_DOMAINS) {
    seen.add(d);
    common.push(sites.push({ name: d, topic: -1, category: null }) - 1);
  }
  TOPIC_NAMES.forEach((_, t) => {
    for (let i = 0; i < 30; i++) topicSites[t]!.push(sites.push({ name: randomDomain(srng, seen), topic: t, category: null }) - 1);
    topicSites[t]!.push(...common);
  });
  const categorySites = {} as Record<DomainCategory, number[]>;
  for (const cat of Object.keys(DOMAIN_CATEGORIES) as DomainCategory[]) {
    categorySites[cat] = DOMAIN_CATEGORIES[cat].map((d) => sites.push({ name: d, topic: -1, category: cat }) - 1);
  }

  const habits = org.users.map((u) => buildHabits(org, u, seed, opts.days, topicSites));
  const intensity = opts.intensity ?? 1;
  const { plans, keep } = planInsiders(org, habits, cal, seed, opts.insiders, opts.scenarios, intensity, opts.layoffCap ?? 1);
  const benignLeavers = assignLeavers(org, plans, keep, opts.days, seed);
  const planOf: (InsiderPlan | undefined)[] = org.users.map(() => undefined);
  for (const p of plans) planOf[p.user] = p;
  // The knobs draw from their own streams after everything above, so unset knobs leave
  // the world, and so every byte, exactly as before.
  const lookalikes = planLookalikes(org, plans, cal, seed, opts.lookalikes ?? 0);
  const lookalikeOf: (Lookalike | undefined)[] = org.users.map(() => undefined);
  for (const l of lookalikes) lookalikeOf[l.user] = l;
  const { drifts, newPcs } = planDrift(org, habits, plans, cal, seed, opts.drift ?? 0);
  const gaps = planSparse(org.pcs.length, cal, seed, opts.sparse ?? 0);

  const categoryWordsB = {} as Record<DomainCategory, Uint8Array[]>;
  for (const cat of Object.keys(CATEGORY_WORDS) as DomainCategory[]) categoryWordsB[cat] = CATEGORY_WORDS[cat].map(enc);
  const topicWordsB = TOPIC_NAMES.map((t) => TOPICS[t]!.map(enc));
  return {
    release: opts.release,
    r5: familyOf(opts.release) !== 'r4',
    r6: familyOf(opts.release) === 'r6',
    seed,
    intensity,
    cal,
    org,
    users: org.users,
    habits,
    plans,
    planOf,
    benignLeavers,
    lookalikes,
    lookalikeOf,
    drifts,
    gaps,
    sites,
    topicSites,
    categorySites,
    siteUrlB: sites.map((s) => enc('http://' + s.name)),
    siteWords: sites.map((s) => (s.category ? categoryWordsB[s.category as DomainCategory] : s.topic >= 0 ? topicWordsB[s.topic]! : null)),
    urlSuffixB: URL_SUFFIXES.map(enc),
    competitorMailB: DOMAIN_CATEGORIES.competitor.map((d) => enc(`jobs@${d}`)),
    keyloggerNameB: enc('KEYLOG' + String(srng.int(100)).padStart(2, '0')),
    exeType: FILE_TYPES.findIndex((f) => f.ext === 'exe'),
    topicWordsB,
    categoryWordsB,
    alarmWordsB: ALARM_WORDS.map(enc),
    commaPhrasesB: COMMA_PHRASES.map(enc),
    userIdB: org.users.map((u) => enc(u.id)),
    pcB: [...org.pcs, ...newPcs].map(enc),
    emailB: org.users.map((u) => enc(u.email)),
    personalB: org.users.map((u) => enc(u.personal)),
    externalB: org.externals.map(enc),
    docsB: habits.map((h) => h.docs.map(enc)),
    fileExtB: FILE_TYPES.map((f) => enc(f.ext)),
    fileHeaderB: FILE_TYPES.map((f) => enc(f.header)),
    fileTypeCum: Float64Array.from(
      FILE_TYPES.reduce<number[]>((acc, f) => (acc.push((acc[acc.length - 1] ?? 0) + f.weight), acc), []),
    ),
  };
}

// The simulated organisation: people, the org tree (business unit -> functional unit ->
// department -> team, each led by a supervisor), assigned and shared PCs, Big Five
// scores, friendships and the email contact graph.
import { makePcId, makeUserId } from './ids.js';
import { Rng, Stream, cumulative } from './rng.js';
import type { User } from './types.js';
import {
  BUSINESS_EMAIL_DOMAINS,
  COMPANY_DOMAIN,
  FIRST_NAMES,
  FUNCTIONAL_UNITS,
  IT_UNIT,
  LAST_NAMES,
  PERSONAL_EMAIL_DOMAINS,
  PROJECTS,
  type UnitSpec,
} from './vocab.js';

export interface Org {
  users: User[];
  /** PC names; the first users.length are assigned (pcs[u.pc]), the rest are shared. */
  pcs: string[];
  sharedPcs: number[];
  units: UnitSpec[];
  /** Direct reports of each user. */
  reports: number[][];
  /** Members of each department / team (by User.dept / User.teamNo). */
  deptMembers: number[][];
  teamMembers: number[][];
  friends: number[][];
  /** Email contacts (user indices) and their cumulative weights. */
  contacts: Int32Array[];
  contactCum: Float64Array[];
  /** External correspondents: a global pool of addresses and each user's picks. */
  externals: string[];
  userExternals: Int32Array[];
}

const clampInt = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(v)));

/** Splits n into k positive parts proportional to weights (largest remainder). */
export function apportion(n: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (n * w) / total);
  const out = exact.map(Math.floor);
  let left = n - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) out[order[j]![1]]!++;
  return out;
}

/** A position in the org chart before a person fills it. */
type Slot = Pick<User, 'role' | 'fu' | 'functionalUnit' | 'department' | 'team' | 'dept' | 'teamNo' | 'supervisor'>;

/**
 * Builds the org tree as a list of slots (one per person, supervisors first), so every
 * slot's supervisor index is already known when it is created.
 */
function buildSlots(n: number, itNeed: number, rng: Rng): { slots: Slot[]; units: UnitSpec[] } {
  const it = FUNCTIONAL_UNITS.find((u) => u.name === IT_UNIT)!;
  const others = FUNCTIONAL_UNITS.filter((u) => u !== it).sort((a, b) => b.weight - a.weight);
  const nUnits = Math.max(2, Math.min(FUNCTIONAL_UNITS.length, Math.floor((n - 1) / 10)));
  const units = [...others.slice(0, nUnits - 1), it];
  const slots: Slot[] = [
    { role: 'President', fu: -1, functionalUnit: '', department: '', team: '', dept: -1, teamNo: -1, supervisor: -1 },
  ];
  // IT gets at least enough people for the requested ITAdmins plus its managers.
  let sizes = apportion(n - 1, units.map((u) => u.weight));
  const itIdx = units.length - 1;
  if (units.length > 1 && sizes[itIdx]! < itNeed) {
    const rest = apportion(n - 1 - itNeed, units.slice(0, -1).map((u) => u.weight));
    sizes = [...rest, itNeed];
  }
  let deptNo = 0;
  let teamNo = 0;
  units.forEach((unit, f) => {
    const fuLabel = `${f + 1} - ${unit.name}`;
    let size = sizes[f]!;
    if (size <= 0) return;
    const vp = slots.length;
    slots.push({ role: units.length > 1 ? 'VicePresident' : 'Director', fu: f, functionalUnit: fuLabel, department: '', team: '', dept: -1, teamNo: -1, supervisor: 0 });
    size -= 1;
    const nd = clampInt(size / 45, 1, unit.departments.length);
    const dsizes = apportion(size, Array.from({ length: nd }, () => 0.7 + 0.6 * rng.float()));
    dsizes.forEach((ds, di) => {
      if (ds <= 0) return;
      const dname = unit.departments[di]!;
      const dept = deptNo++;
      const deptLabel = `${di + 1} - ${dname}`;
      const mgr = slots.length;
      slots.push({ role: 'Manager', fu: f, functionalUnit: fuLabel, department: deptLabel, team: '', dept, teamNo: -1, supervisor: vp });
      const rest = ds - 1;
      if (rest <= 0) return;
      const nt = Math.max(1, Math.round(rest / 9));
      const tsizes = apportion(rest, Array.from({ length: nt }, () => 0.7 + 0.6 * rng.float()));
      tsizes.forEach((ts, ti) => {
        if (ts <= 0) return;
        const tno = teamNo++;
        const teamLabel = `${ti + 1} - ${dname}Team${ti + 1}`;
        // Teams of more than two have a lead who reports to the department manager.
        let lead = mgr;
        let members = ts;
        if (ts > 2) {
          lead = slots.length;
          slots.push({ role: unit.name === IT_UNIT ? 'ITManager' : 'Supervisor', fu: f, functionalUnit: fuLabel, department: deptLabel, team: teamLabel, dept, teamNo: tno, supervisor: mgr });
          members -= 1;
        }
        const roleCum = cumulative(unit.roles.map((r) => r[1]));
        for (let k = 0; k < members; k++) {
          const role = unit.roles[rng.weighted(roleCum)]![0];
          slots.push({ role, fu: f, functionalUnit: fuLabel, department: deptLabel, team: teamLabel, dept, teamNo: tno, supervisor: lead });
        }
      });
    });
  });
  return { slots, units };
}

export function buildOrg(nUsers: number, seed: number, minItAdmins: number): Org {
  // The IT unit must hold at least minItAdmins ITAdmins besides its managers; grow it
  // until it does (each attempt uses its own stream, so the result is deterministic).
  let rng = new Rng(seed, Stream.Org, 0);
  let built = buildSlots(nUsers, minItAdmins + 3, rng);
  for (let extra = 5; built.slots.filter((s) => s.role === 'ITAdmin').length < minItAdmins; extra += 2) {
    if (extra > nUsers) throw new Error(`cannot fit ${minItAdmins} ITAdmins into ${nUsers} users`);
    rng = new Rng(seed, Stream.Org, extra);
    built = buildSlots(nUsers, minItAdmins + extra, rng);
  }
  const { slots, units } = built;
  const takenIds = new Set<string>();
  const takenNames = new Set<string>();
  const takenPcs = new Set<string>();
  const users: User[] = slots.map((s, index) => {
    let first: string, middle: string, last: string, name: string;
    do {
      first = rng.pick(FIRST_NAMES);
      middle = rng.pick(FIRST_NAMES);
      last = rng.pick(LAST_NAMES);
      name = `${first} ${middle} ${last}`;
    } while (takenNames.has(name) || middle === first);
    takenNames.add(name);
    const big5 = () => clampInt(rng.gauss(30, 7), 10, 50);
    const [O, C, E, A, N] = [big5(), big5(), big5(), big5(), big5()];
    const satisfaction = Math.max(0, Math.min(1, rng.gauss(0.62, 0.18) + (A - 30) / 150 - (N - 30) / 150));
    const unit = s.fu >= 0 ? units[s.fu] : undefined;
    const nProj = unit && unit.name !== 'Administration' ? rng.range(0, 2) : 0;
    const projects: string[] = [];
    for (let p = 0; p < nProj; p++) {
      const pr = PROJECTS[(Math.max(0, s.teamNo) * 3 + rng.int(5)) % PROJECTS.length]!;
      if (!projects.includes(pr)) projects.push(pr);
    }
    return {
      index,
      id: makeUserId(first, middle, last, rng, takenIds),
      first,
      middle,
      last,
      name,
      email: `${first}.${middle}.${last}@${COMPANY_DOMAIN}`,
      role: s.role,
      itAdmin: s.role === 'ITAdmin',
      fu: s.fu,
      businessUnit: '1',
      functionalUnit: s.functionalUnit,
      department: s.department,
      team: s.team,
      dept: s.dept,
      teamNo: s.teamNo,
      supervisor: s.supervisor,
      projects,
      pc: index,
      O,
      C,
      E,
      A,
      N,
      satisfaction,
      lastDay: Number.MAX_SAFE_INTEGER,
      personal: `${first}.${last}${rng.chance(0.5) ? rng.range(1, 99) : ''}@${rng.pick(PERSONAL_EMAIL_DOMAINS)}`,
    };
  });
  const nShared = Math.max(2, Math.round(nUsers / 10));
  const pcs: string[] = [];
  for (let i = 0; i < nUsers + nShared; i++) pcs.push(makePcId(rng, takenPcs));
  const sharedPcs = Array.from({ length: nShared }, (_, i) => nUsers + i);

  const reports: number[][] = users.map(() => []);
  for (const u of users) if (u.supervisor >= 0) reports[u.supervisor]!.push(u.index);
  const nDept = Math.max(0, ...users.map((u) => u.dept)) + 1;
  const nTeam = Math.max(0, ...users.map((u) => u.teamNo)) + 1;
  const deptMembers: number[][] = Array.from({ length: nDept }, () => []);
  const teamMembers: number[][] = Array.from({ length: nTeam }, () => []);
  for (const u of users) {
    if (u.dept >= 0) deptMembers[u.dept]!.push(u.index);
    if (u.teamNo >= 0) teamMembers[u.teamNo]!.push(u.index);
  }
  const fuMembers: number[][] = units.map(() => []);
  for (const u of users) if (u.fu >= 0) fuMembers[u.fu]!.push(u.index);

  // Friendships: extraverts have more; mostly within the department and unit.
  const friendSets = users.map(() => new Set<number>());
  for (const u of users) {
    const k = clampInt(1 + u.E / 9 + rng.gauss(0, 1), 0, 12);
    for (let i = 0; i < k; i++) {
      const r = rng.float();
      const pool = r < 0.5 && u.dept >= 0 ? deptMembers[u.dept]! : r < 0.75 && u.fu >= 0 ? fuMembers[u.fu]! : null;
      const v = pool ? rng.pick(pool) : rng.int(users.length);
      if (v !== u.index) {
        friendSets[u.index]!.add(v);
        friendSets[v]!.add(u.index);
      }
    }
  }
  const friends = friendSets.map((s) => [...s].sort((a, b) => a - b));

  // External correspondents: business contacts and personal acquaintances.
  const externals: string[] = [];
  const nExt = Math.max(50, nUsers * 2);
  const extSeen = new Set<string>();
  while (externals.length < nExt) {
    const business = rng.chance(0.6);
    const a = `${rng.pick(FIRST_NAMES)}.${rng.pick(LAST_NAMES)}@${rng.pick(business ? BUSINESS_EMAIL_DOMAINS : PERSONAL_EMAIL_DOMAINS)}`;
    if (!extSeen.has(a)) {
      extSeen.add(a);
      externals.push(a);
    }
  }

  const contacts: Int32Array[] = [];
  const contactCum: Float64Array[] = [];
  const userExternals: Int32Array[] = [];
  for (const u of users) {
    const w = new Map<number, number>();
    const add = (v: number, x: number) => {
      if (v !== u.index && v >= 0) w.set(v, (w.get(v) ?? 0) + x);
    };
    add(u.supervisor, 4);
    for (const r of reports[u.index]!) add(r, 3);
    if (u.teamNo >= 0) for (const t of teamMembers[u.teamNo]!) add(t, 2);
    for (const f of friends[u.index]!) add(f, 4);
    if (u.dept >= 0) for (const d of rng.sample(deptMembers[u.dept]!, 6)) add(d, 1);
    for (let i = 0; i < 3; i++) add(rng.int(users.length), 0.4);
    if (w.size === 0) add((u.index + 1) % users.length, 1);
    const ids = [...w.keys()].sort((a, b) => a - b);
    contacts.push(Int32Array.from(ids));
    contactCum.push(cumulative(ids.map((i) => w.get(i)!)));
    const unit = u.fu >= 0 ? units[u.fu]! : undefined;
    const nx = clampInt(2 + 14 * (unit?.external ?? 0.3) * rng.float(), 1, 12);
    userExternals.push(Int32Array.from(Array.from({ length: nx }, () => rng.int(externals.length))));
  }
  return { users, pcs, sharedPcs, units, reports, deptMembers, teamMembers, friends, contacts, contactCum, externals, userExternals };
}

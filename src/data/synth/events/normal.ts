// A user's ordinary day: whether they work, their sessions (own PC, after hours, shared
// PCs, ITAdmins on other machines), then the activity placed inside those sessions:
// thumb drive and file copies, local files (r5+), email sent and read, web browsing,
// including the benign habits that resemble insider behaviour.
import type { DayGen } from '../day.js';
import { inVacation } from '../habits.js';
import { Step } from '../scenarios/plan.js';
import type { World } from '../world.js';
import { writeDevice } from './device.js';
import { Mail, writeEmail } from './email.js';
import { FileAct, userFile, writeFile } from './file.js';
import { HttpAct, writeHttp } from './http.js';
import { writeLogon } from './logon.js';

const HOUR = 3600;
const LAST_SECOND = 86_340;
/** Steps that happen inside the insider's ordinary working day, so that day must exist. */
const DAYTIME = Step.Jobs | Step.Exfil | Step.Keylogger | Step.Plant | Step.Snoop | Step.Upload;
/** Deliberately dirty data, as in the CERT releases. */
const P_MISSING_LOGON = 0.0015;
const P_UNCLOSED_CONNECT = 0.003;
const P_NO_LOGOFF = 0.04;

const mail = new Mail();

/** `busy`: a benign look-alike's day, which like a scenario day must be a working one. */
export function simulateNormal(g: DayGen, u: number, steps: number, busy = false): void {
  const w = g.w;
  const rng = g.rng;
  const h = g.hab[u]!;
  const info = g.info;
  const workday = !info.weekend && !info.holiday;
  let working = workday ? !inVacation(h, g.day) && !rng.chance(h.sick) : rng.chance(h.weekend);
  if (steps & DAYTIME || busy) working = true;
  if (!working) return;
  sessions(g, u, workday);
  logons(g, u, steps);
  if (h.drive > 0) drive(g, u, workday);
  if (w.r5) localFiles(g, u, workday);
  email(g, u, workday);
  web(g, u, workday);
}

function sessions(g: DayGen, u: number, workday: boolean): void {
  const w = g.w;
  const rng = g.rng;
  const h = g.hab[u]!;
  const own = g.pcOf[u]!;
  let a: number;
  let len: number;
  if (workday) {
    a = rng.gauss(h.start, h.startSd);
    len = rng.gauss(h.length, h.lengthSd);
  } else {
    a = rng.uniform(9 * HOUR, 14 * HOUR);
    len = rng.uniform(1 * HOUR, 5 * HOUR);
  }
  a = Math.round(Math.min(14 * HOUR, Math.max(5 * HOUR, a)));
  const b = Math.min(a + Math.max(1800, Math.round(len)), LAST_SECOND);
  g.addSession(a, b, own);
  if (workday && h.afterHours > 0 && rng.chance(h.afterHours)) {
    if (rng.chance(0.75)) {
      const s = Math.round(rng.uniform(Math.max(b + 1800, 18.5 * HOUR), 22.5 * HOUR));
      g.addSession(s, Math.min(LAST_SECOND, s + Math.round(rng.uniform(0.25, 1.5) * HOUR)), own);
    } else if (a > 5 * HOUR + 1800) {
      const s = Math.round(rng.uniform(4 * HOUR, a - 1800 - 0.25 * HOUR));
      g.addSession(s, s + Math.round(rng.uniform(0.15, 0.25) * HOUR), own);
    }
  }
  if (h.sharedPc > 0 && rng.chance(h.sharedPc)) {
    const s = Math.round(rng.uniform(a, Math.max(a, b - 1800)));
    g.addSession(s, Math.min(LAST_SECOND, s + Math.round(rng.uniform(900, 5400))), h.sharedPcs[rng.int(h.sharedPcs.length)]!);
  }
  if (w.users[u]!.itAdmin) {
    // ITAdmins have global access: short sessions on colleagues' and shared machines.
    const n = rng.poisson(h.adminVisits * (workday ? 1 : 0.3));
    for (let i = 0; i < n; i++) {
      const s = Math.round(rng.uniform(a, Math.max(a, b - 600)));
      g.addSession(s, Math.min(LAST_SECOND, s + Math.round(rng.uniform(300, 2400))), rng.int(w.org.pcs.length));
    }
  }
}

/** True when session i is the user's first on its PC today (so a dropped logon leaves its logoff unmatched). */
function firstOnPc(g: DayGen, i: number): boolean {
  for (let j = 0; j < g.nS; j++) if (j !== i && g.sPc[j] === g.sPc[i] && g.sA[j]! <= g.sA[i]!) return false;
  return true;
}

function logons(g: DayGen, u: number, steps: number): void {
  const rng = g.rng;
  const h = g.hab[u]!;
  for (let i = 0; i < g.nS; i++) {
    const pc = g.sPc[i]!;
    const logoff = !rng.chance(P_NO_LOGOFF);
    // Dirty data stays out of insiders' scenario days, whose answers must be complete.
    const dropped = logoff && rng.chance(P_MISSING_LOGON) && steps === 0 && firstOnPc(g, i);
    if (dropped) g.missingLogons++;
    else writeLogon(g, g.sA[i]!, u, pc, true, 0);
    if (i === 0 && h.unlocks > 0 && !dropped) {
      // Screen unlocks are logged as further logons on the same machine.
      const k = rng.poisson(h.unlocks);
      for (let j = 0; j < k; j++) writeLogon(g, rng.range(g.sA[0]! + 60, Math.max(g.sA[0]! + 60, g.sB[0]! - 60)), u, pc, true, 0);
    }
    if (logoff) writeLogon(g, g.sB[i]!, u, pc, false, 0);
  }
}

function drive(g: DayGen, u: number, workday: boolean): void {
  const w = g.w;
  const rng = g.rng;
  const h = g.hab[u]!;
  const n = rng.poisson(h.drive * (workday ? 1 : 0.5));
  for (let i = 0; i < n; i++) {
    const t = g.pickTime();
    const pc = g.pickedPc;
    const e = Math.min(g.pickedEnd, t + 30 + Math.round(rng.exponential(900)));
    writeDevice(g, t, u, pc, true, 0);
    const k = rng.poisson(h.filesPerConn);
    for (let j = 0; j < k; j++) {
      const ft = rng.range(t, e);
      writeFile(g, ft, u, pc, userFile(g, u, FileAct.Copy, true, true, false), 0);
      // r5+: sometimes files come the other way, from the drive to the disk.
      if (w.r5 && rng.chance(0.25)) writeFile(g, rng.range(t, e), u, pc, userFile(g, u, FileAct.Copy, false, false, true), 0);
    }
    if (rng.chance(P_UNCLOSED_CONNECT)) g.unclosedConnects++;
    else writeDevice(g, e, u, pc, false, 0);
  }
}

function localFiles(g: DayGen, u: number, workday: boolean): void {
  const rng = g.rng;
  const n = rng.poisson(g.hab[u]!.localFiles * (workday ? 1 : 0.5));
  for (let i = 0; i < n; i++) {
    const t = g.pickTime();
    const r = rng.float();
    const act = r < 0.6 ? FileAct.Open : r < 0.9 ? FileAct.Write : r < 0.95 ? FileAct.Copy : FileAct.Delete;
    writeFile(g, t, u, g.pickedPc, userFile(g, u, act, false, false, false), 0);
  }
}

/** An address this user writes to: mostly colleagues by contact weight, some outsiders. */
export function recipient(w: World, g: DayGen, u: number): Uint8Array {
  const rng = g.rng;
  const h = g.hab[u]!;
  if (rng.chance(h.external)) {
    const ext = w.org.userExternals[u]!;
    return w.externalB[ext[rng.int(ext.length)]!]!;
  }
  const c = w.org.contacts[u]!;
  return w.emailB[c[rng.weighted(w.org.contactCum[u]!)]!]!;
}

function email(g: DayGen, u: number, workday: boolean): void {
  const w = g.w;
  const rng = g.rng;
  const h = g.hab[u]!;
  const scale = workday ? 1 : 0.35;
  const sends = rng.poisson(h.email * scale);
  const views = w.r5 ? rng.poisson(((h.email * h.view) / (1 - h.view)) * scale) : 0;
  for (let i = 0; i < sends + views; i++) {
    const m = mail.reset();
    const t = g.pickTime();
    if (i < sends) {
      m.from = w.emailB[u]!;
      const nTo = rng.chance(0.3) ? 2 + rng.int(3) : 1;
      for (let j = 0; j < nTo; j++) m.to.push(recipient(w, g, u));
    } else {
      m.view = true;
      m.from = recipient(w, g, u);
      m.to.push(w.emailB[u]!);
      if (rng.chance(0.3)) m.to.push(recipient(w, g, u));
    }
    if (rng.chance(0.25)) for (let j = 1 + rng.int(2); j > 0; j--) m.cc.push(recipient(w, g, u));
    if (rng.chance(0.05)) m.bcc.push(recipient(w, g, u));
    m.size = Math.round(rng.lognormal(9.6, 0.7));
    // Attachment count is independent of size, as in the release notes.
    const r = rng.float();
    const na = r < 0.72 ? 0 : r < 0.9 ? 1 : r < 0.97 ? 2 : 3;
    const docs = w.docsB[u]!;
    for (let j = 0; j < na; j++) {
      m.attachNames.push(docs[rng.int(docs.length)]!);
      m.attachTypes.push(rng.weighted(w.fileTypeCum));
    }
    m.words = w.topicWordsB[h.workTopics[rng.int(h.workTopics.length)]!]!;
    m.other = w.topicWordsB[h.topics[rng.int(h.topics.length)]!]!;
    m.nWords = 8 + rng.int(20);
    writeEmail(g, t, u, g.pickedPc, m, 0);
  }
}

/** Visits to one category's sites (job, cloud, …) at random times of the user's sessions. */
export function categoryVisits(g: DayGen, u: number, sites: number[], n: number, act: number, tag: number): void {
  const w = g.w;
  const rng = g.rng;
  for (let i = 0; i < n; i++) {
    const t = g.pickTime();
    const site = sites[rng.int(sites.length)]!;
    writeHttp(g, t, u, g.pickedPc, site, w.siteWords[site]!, null, act, tag);
  }
}

function web(g: DayGen, u: number, workday: boolean): void {
  const w = g.w;
  const rng = g.rng;
  const h = g.hab[u]!;
  const user = w.users[u]!;
  const n = rng.poisson(h.http * (workday ? 1 : 0.5));
  const social = w.categorySites.social;
  for (let i = 0; i < n; i++) {
    const t = g.pickTime();
    const topic = h.topics[rng.weighted(h.topicCum)]!;
    const r = rng.float();
    let site: number;
    if (r < h.favouriteShare && h.favourites.length > 0) site = h.favourites[rng.int(h.favourites.length)]!;
    else if (r < h.favouriteShare + h.social) site = social[rng.int(social.length)]!;
    else {
      const pool = w.topicSites[topic]!;
      site = pool[rng.int(pool.length)]!;
    }
    const words = w.siteWords[site] ?? w.topicWordsB[topic]!;
    const act = w.r6 ? (rng.chance(0.06) ? HttpAct.Download : rng.chance(0.01) ? HttpAct.Upload : HttpAct.Visit) : HttpAct.Visit;
    writeHttp(g, t, u, g.pickedPc, site, words, w.topicWordsB[topic]!, act, 0);
  }
  // Benign look-alikes of insider behaviour.
  const cs = w.categorySites;
  if (h.jobSites > 0 && rng.chance(h.jobSites)) categoryVisits(g, u, cs.job, 2 + rng.int(9), HttpAct.Visit, 0);
  const leaving = user.lastDay < w.cal.length - 1 && !w.planOf[u];
  if (leaving && h.leaverSearch && user.lastDay - g.day < 40 && rng.chance(0.35)) categoryVisits(g, u, cs.job, 2 + rng.int(7), HttpAct.Visit, 0);
  if (h.cloud > 0 && rng.chance(h.cloud)) categoryVisits(g, u, cs.cloud, 1 + rng.int(4), rng.chance(0.3) ? HttpAct.Upload : HttpAct.Download, 0);
  if (h.leak > 0 && rng.chance(h.leak)) categoryVisits(g, u, cs.leak, 1 + rng.int(2), HttpAct.Visit, 0);
  if (h.hacking > 0 && rng.chance(h.hacking)) categoryVisits(g, u, cs.hacking, 1 + rng.int(3), HttpAct.Visit, 0);
}

// The malicious rows of an insider's day, per planned step (see plan.ts). Every row
// written here carries the insider's tag, so it lands in their answer file as well.
import type { DayGen } from '../day.js';
import { writeDevice } from '../events/device.js';
import { Mail, writeEmail } from '../events/email.js';
import { FileAct, type FileSpec, userFile, writeFile } from '../events/file.js';
import { HttpAct, writeHttp } from '../events/http.js';
import { categoryVisits } from '../events/normal.js';
import { writeLogon } from '../events/logon.js';
import { type InsiderPlan, Step } from './plan.js';

const HOUR = 3600;
const LAST_SECOND = 86_340;
const mail = new Mail();

export function injectMalicious(g: DayGen, plan: InsiderPlan, steps: number): void {
  const tag = plan.no + 1;
  if (steps & Step.Night) night(g, plan, tag);
  if (steps & Step.Jobs) jobs(g, plan, tag);
  if (steps & Step.Exfil) exfil(g, plan, tag);
  if (steps & Step.Keylogger) keylogger(g, plan, tag);
  if (steps & Step.Plant) plant(g, plan, tag);
  if (steps & Step.Masquerade) masquerade(g, plan, tag);
  if (steps & Step.Snoop) snoop(g, plan, tag);
  if (steps & Step.Upload) upload(g, plan, tag);
}

/** A count scaled by the run's intensity, at least one. */
const scaled = (g: DayGen, base: number) => Math.max(1, Math.round(base * g.w.intensity));

function keyloggerFile(g: DayGen, act: number, removable: boolean, to: boolean, from: boolean): FileSpec {
  return { name: g.w.keyloggerNameB, type: g.w.exeType, act, removable, to, from, words: g.w.categoryWordsB.hacking, other: null };
}

/** Scenario 1: an after-hours session with thumb-drive copies and uploads to wikileaks.org. */
function night(g: DayGen, plan: InsiderPlan, tag: number): void {
  const w = g.w;
  const rng = g.rng;
  const u = plan.user;
  const pc = g.pcOf[u]!;
  const first = g.day === plan.first;
  const s = Math.round(rng.chance(0.7) ? rng.uniform(20 * HOUR, 22.5 * HOUR) : rng.uniform(0.5 * HOUR, 3.5 * HOUR));
  const e = Math.min(LAST_SECOND, s + Math.round(rng.uniform(0.3, 1.4) * HOUR));
  writeLogon(g, s, u, pc, true, tag);
  if (first || rng.chance(0.7)) {
    const c = s + rng.range(60, 600);
    const d = Math.max(c + 60, e - rng.range(30, 300));
    writeDevice(g, c, u, pc, true, tag);
    for (let i = scaled(g, 2 + rng.int(6)); i > 0; i--) writeFile(g, rng.range(c, d), u, pc, userFile(g, u, FileAct.Copy, true, true, false), tag);
    writeDevice(g, d, u, pc, false, tag);
  }
  if (first || rng.chance(0.6)) {
    const leak = w.categorySites.leak[0]!;
    for (let i = scaled(g, 1 + rng.int(3)); i > 0; i--) writeHttp(g, rng.range(s + 60, e - 1), u, pc, leak, w.siteWords[leak]!, null, HttpAct.Upload, tag);
  }
  writeLogon(g, e, u, pc, false, tag);
}

/** Scenario 2, first stage: job sites and a competitor, sometimes mail to its recruiters. */
function jobs(g: DayGen, plan: InsiderPlan, tag: number): void {
  jobHunt(g, plan.user, tag);
}

/** A day of job hunting; also written, untagged, for benign look-alikes. */
export function jobHunt(g: DayGen, u: number, tag: number): void {
  const w = g.w;
  const rng = g.rng;
  categoryVisits(g, u, w.categorySites.job, scaled(g, 3 + rng.int(8)), HttpAct.Visit, tag);
  categoryVisits(g, u, w.categorySites.competitor, scaled(g, 1 + rng.int(3)), HttpAct.Visit, tag);
  if (rng.chance(Math.min(1, 0.3 * w.intensity))) {
    const m = mail.reset();
    m.from = w.emailB[u]!;
    m.to.push(w.competitorMailB[rng.int(w.competitorMailB.length)]!);
    m.size = Math.round(rng.lognormal(10, 0.5));
    const docs = w.docsB[u]!;
    m.attachNames.push(docs[rng.int(docs.length)]!); // a resume
    m.attachTypes.push(0);
    m.words = w.categoryWordsB.job;
    m.nWords = 10 + rng.int(15);
    writeEmail(g, g.pickTime(), u, g.pcOf[u]!, m, tag);
  }
}

/** Scenario 2, last stage: thumb-drive copying at a much higher rate than the user's habit. */
function exfil(g: DayGen, plan: InsiderPlan, tag: number): void {
  copyBurst(g, plan.user, tag);
}

/** A day of heavy thumb-drive copying; also written, untagged, for benign look-alikes. */
export function copyBurst(g: DayGen, u: number, tag: number): void {
  const rng = g.rng;
  for (let c = scaled(g, 2 + rng.int(3)); c > 0; c--) {
    const t = g.pickTime();
    const pc = g.pickedPc;
    const e = Math.min(g.pickedEnd, t + rng.range(300, 2400));
    writeDevice(g, t, u, pc, true, tag);
    for (let i = scaled(g, 4 + rng.int(8)); i > 0; i--) writeFile(g, rng.range(t, e), u, pc, userFile(g, u, FileAct.Copy, true, true, false), tag);
    writeDevice(g, e, u, pc, false, tag);
  }
}

/** Scenario 3, day 1: the keylogger is downloaded. */
function keylogger(g: DayGen, plan: InsiderPlan, tag: number): void {
  const w = g.w;
  const rng = g.rng;
  const u = plan.user;
  const sites = w.categorySites.hacking;
  const n = scaled(g, 1 + rng.int(3));
  for (let i = 0; i < n; i++) {
    const t = g.pickTime();
    const site = sites[rng.int(sites.length)]!;
    writeHttp(g, t, u, g.pickedPc, site, w.siteWords[site]!, null, i === n - 1 ? HttpAct.Download : HttpAct.Visit, tag);
    if (i === n - 1 && w.r5) writeFile(g, t + 5, u, g.pickedPc, keyloggerFile(g, FileAct.Write, false, false, false), tag);
  }
}

/** Scenario 3, day 2: the keylogger goes onto a thumb drive and onto the supervisor's PC. */
function plant(g: DayGen, plan: InsiderPlan, tag: number): void {
  const rng = g.rng;
  const u = plan.user;
  const own = g.pcOf[u]!;
  const target = g.pcOf[plan.victim]!;
  let t = Math.max(g.sA[0]!, Math.min(g.pickTime(), g.sB[0]! - 3000));
  writeDevice(g, t, u, own, true, tag);
  writeFile(g, t + rng.range(10, 120), u, own, keyloggerFile(g, FileAct.Copy, true, true, false), tag);
  writeDevice(g, (t += rng.range(150, 400)), u, own, false, tag);
  writeLogon(g, (t += rng.range(60, 600)), u, target, true, tag);
  writeDevice(g, (t += rng.range(20, 120)), u, target, true, tag);
  writeFile(g, (t += rng.range(10, 90)), u, target, keyloggerFile(g, FileAct.Copy, false, false, true), tag);
  writeDevice(g, (t += rng.range(30, 300)), u, target, false, tag);
  writeLogon(g, t + rng.range(30, 300), u, target, false, tag);
}

/** Scenario 3, day 3: logs in as the supervisor (rows carry the supervisor's id) and mails everyone. */
function masquerade(g: DayGen, plan: InsiderPlan, tag: number): void {
  const w = g.w;
  const rng = g.rng;
  const v = plan.victim;
  const pc = g.pcOf[v]!;
  const s = Math.round(rng.uniform(18.5 * HOUR, 22 * HOUR));
  writeLogon(g, s, v, pc, true, tag);
  const m = mail.reset();
  m.from = w.emailB[v]!;
  const n = Math.min(w.users.length - 1, scaled(g, 20 + rng.int(40)));
  const seen = new Set<number>([v]);
  for (let guard = 0; seen.size <= n && guard < n * 20; guard++) {
    const r = rng.int(w.users.length);
    if (seen.has(r) || w.users[r]!.lastDay < g.day) continue;
    seen.add(r);
    (m.to.length < 12 ? m.to : m.cc).push(w.emailB[r]!);
  }
  m.size = Math.round(rng.lognormal(9.5, 0.4));
  m.words = w.alarmWordsB;
  m.nWords = 20 + rng.int(20);
  writeEmail(g, s + rng.range(60, 600), v, pc, m, tag);
  writeLogon(g, s + rng.range(700, 1800), v, pc, false, tag);
}

/** Scenario 4: searches a coworker's machine and mails the files to a personal address. */
function snoop(g: DayGen, plan: InsiderPlan, tag: number): void {
  const w = g.w;
  const rng = g.rng;
  const u = plan.user;
  const target = g.pcOf[plan.victim]!;
  const frac = plan.last > plan.first ? (g.day - plan.first) / (plan.last - plan.first) : 1;
  let t = Math.min(g.pickTime(), Math.max(g.sA[0]!, g.sB[0]! - 4000));
  writeLogon(g, t, u, target, true, tag);
  const victimDocs = w.docsB[plan.victim]!;
  const n = scaled(g, 2 + Math.round(8 * frac) + rng.int(3));
  const m = mail.reset();
  for (let i = 0; i < n; i++) {
    const f = userFile(g, plan.victim, FileAct.Open, false, false, false);
    f.name = victimDocs[rng.int(victimDocs.length)]!;
    writeFile(g, (t += rng.range(20, 240)), u, target, f, tag);
    if (m.attachNames.length < 4 && rng.chance(0.6)) {
      m.attachNames.push(f.name);
      m.attachTypes.push(f.type);
    }
  }
  writeLogon(g, (t += rng.range(30, 300)), u, target, false, tag);
  m.from = w.emailB[u]!;
  m.to.push(w.personalB[u]!);
  if (m.attachNames.length === 0) {
    m.attachNames.push(victimDocs[0]!);
    m.attachTypes.push(0);
  }
  m.size = Math.round(rng.lognormal(9.6, 0.6));
  m.words = w.topicWordsB[g.hab[plan.victim]!.workTopics[0]!]!;
  m.nWords = 5 + rng.int(10);
  writeEmail(g, Math.min(LAST_SECOND, t + rng.range(60, 1200)), u, g.pcOf[u]!, m, tag);
}

/** Scenario 5: after the layoffs, documents are opened and uploaded to Dropbox. */
function upload(g: DayGen, plan: InsiderPlan, tag: number): void {
  cloudUpload(g, plan.user, tag);
}

/** Documents opened and uploaded to Dropbox; also written, untagged, for benign look-alikes. */
export function cloudUpload(g: DayGen, u: number, tag: number): void {
  const w = g.w;
  const rng = g.rng;
  const box = w.categorySites.cloud[0]!;
  for (let i = scaled(g, 2 + rng.int(5)); i > 0; i--) {
    const t = g.pickTime();
    if (w.r5) writeFile(g, t, u, g.pickedPc, userFile(g, u, FileAct.Open, false, false, false), tag);
    writeHttp(g, Math.min(g.pickedEnd, t + rng.range(5, 120)), u, g.pickedPc, box, w.siteWords[box]!, null, HttpAct.Upload, tag);
  }
}

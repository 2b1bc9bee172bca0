// Public option and result types of the generator, and the in-memory model of the
// simulated organisation ("the world") shared by the main thread and the workers.

import type { Release as CertRelease } from '../format/index.js';

/** The releases the generator writes (the format itself knows r4.1 … r6.2). */
export type Release = Extract<CertRelease, 'r4.2' | 'r5.2' | 'r6.2'>;

export const RELEASES: readonly Release[] = ['r4.2', 'r5.2', 'r6.2'];

export interface GenerateOptions {
  /** Output directory; replaced atomically when the run completes. */
  out: string;
  release: Release;
  users: number;
  /** YYYY-MM-DD */
  start: string;
  days: number;
  insiders: number;
  scenarios: number[];
  seed: number;
  /** Scales how often and how much insiders act; default 1. */
  intensity?: number;
  /**
   * Benign users who do one scenario-like thing once (a burst of thumb-drive copies, a
   * week on job sites, a cloud upload, one night session with copies) and stay; not in
   * answers/. Default 0 (docs/generator.md, "Harder worlds").
   */
  lookalikes?: number;
  /** Share of benign users (0..1) whose habits, PC or LDAP role change once during the run. Default 0. */
  drift?: number;
  /** Share of PCs (0..1) whose device and/or file logs are missing for weeks. Default 0. */
  sparse?: number;
  /** Most staff (share, 0..1) that scenario-5 lay-offs may remove in all. Default 1: no cap. */
  layoffCap?: number;
  /** No progress output. */
  quiet?: boolean;
  /** Worker threads (tuning only: the output is the same for any value). Default: 0 for small runs, else min(cores, 4). */
  workers?: number;
  /** Called after each generated day, in day order. */
  onProgress?: (daysDone: number, daysTotal: number) => void;
}

export interface InsiderInfo {
  user: string;
  scenario: number;
  /** First and last malicious event, 'MM/DD/YYYY HH:MM:SS' as in answers/insiders.csv. */
  start: string;
  end: string;
  /** Malicious events written to the insider's answer file. */
  events: number;
}

export interface GenerateSummary {
  out: string;
  release: Release;
  users: number;
  days: number;
  seed: number;
  start: string;
  /** Rows per output file name (header excluded): logon.csv … http.csv, psychometric.csv, LDAP (all snapshots together). */
  rows: Record<string, number>;
  /** Rows of the five activity logs together. */
  events: number;
  insiders: InsiderInfo[];
  seconds: number;
  eventsPerSecond: number;
  /** Deliberately dirty rows: logoffs whose logon was dropped, connects never disconnected. */
  dirty: { missingLogons: number; unclosedConnects: number };
  /** Bytes of all files written. */
  bytes: number;
  workers: number;
  /** What the harder-world knobs did; absent when none is set. */
  world?: WorldNotes;
}

/** A benign look-alike: who, what and on which days (first and last, 'MM/DD/YYYY'). */
export interface LookalikeInfo {
  user: string;
  kind: LookalikeKind;
  first: string;
  last: string;
}

export type LookalikeKind = 'drive' | 'jobs' | 'cloud' | 'night';

export interface DriftInfo {
  user: string;
  /** First day of the new habits, 'MM/DD/YYYY'. */
  from: string;
  changes: DriftChange[];
}

export type DriftChange = 'hours' | 'mix' | 'pc' | 'role';

export interface SparseInfo {
  pc: string;
  /** First and last day without logs, 'MM/DD/YYYY'. */
  from: string;
  to: string;
  logs: ('device' | 'file')[];
}

export interface WorldNotes {
  lookalikes: LookalikeInfo[];
  drift: DriftInfo[];
  sparse: SparseInfo[];
  /** Users the scenario-5 lay-offs removed. */
  laidOff: number;
}

/** One employee. Indices refer to World.users / World.pcs. */
export interface User {
  index: number;
  id: string;
  first: string;
  middle: string;
  last: string;
  name: string;
  email: string;
  role: string;
  itAdmin: boolean;
  fu: number;
  businessUnit: string;
  functionalUnit: string;
  department: string;
  team: string;
  /** Global department and team numbers (for grouping). */
  dept: number;
  teamNo: number;
  supervisor: number;
  projects: string[];
  pc: number;
  /** Big Five, 10..50 like CERT's psychometric.csv. */
  O: number;
  C: number;
  E: number;
  A: number;
  N: number;
  /** Latent job satisfaction in [0,1] (not written anywhere). */
  satisfaction: number;
  /** Last day index with activity (inclusive); days-1 when the user stays. */
  lastDay: number;
  /** Personal address outside the company. */
  personal: string;
}

export interface Site {
  name: string;
  topic: number;
  category: string | null;
}

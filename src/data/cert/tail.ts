// Logs that grow: a release directory whose files only ever have lines appended (each
// morning brings yesterday's). A mark remembers how far each file has been read and a
// fingerprint of the bytes just before that point, so a later read can check that the file
// still begins with what was read and take only the lines after it.
//
// The big three logs (file, email, http: 99 % of the bytes) are read from the mark on; the
// small two (logon, device) are read whole, because sessions, own PCs and connection
// durations need their whole past and they are a small fraction of the bytes.
import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync, symlinkSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ANSWERS_DIR, LDAP_DIR, LOGS, PSYCHOMETRIC_FILE, logFileName, type Log } from '../format/index.js';
import { findAnswersDir } from './answers.js';
import { CertFormatError } from './releases.js';

/** How far a log file was read: `bytes` (at a line end), and SHA-256 of the first and of the last (at most) TAIL bytes before it. */
export interface LogMark { bytes: number; head: string; tail: string }
export type LogMarks = Record<Log, LogMark>;

/** Logs read whole on every read; the others only from their mark on. */
export const WHOLE_LOGS: readonly Log[] = ['logon', 'device'];
const TAIL = 64 * 1024;
const CHUNK = 8 * 1024 * 1024;

function readAt(fd: number, start: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, start + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function markAt(fd: number, bytes: number): LogMark {
  const from = Math.max(0, bytes - TAIL);
  return { bytes, head: sha(readAt(fd, 0, Math.min(bytes, TAIL))), tail: sha(readAt(fd, from, bytes - from)) };
}

/** The end of the file's last complete line (a line still being written is left for later). */
function completeEnd(fd: number, size: number): number {
  let end = size;
  while (end > 0) {
    const from = Math.max(0, end - TAIL);
    const i = readAt(fd, from, end - from).lastIndexOf(10);
    if (i >= 0) return from + i + 1;
    end = from;
  }
  return 0;
}

function withFile<T>(path: string, f: (fd: number) => T): T {
  const fd = openSync(path, 'r');
  try {
    return f(fd);
  } finally {
    closeSync(fd);
  }
}

/** Marks at the end of each log's last complete line, as the files stand now. */
export function markLogs(dir: string): LogMarks {
  return Object.fromEntries(LOGS.map((log) => {
    const p = join(dir, logFileName(log));
    return [log, withFile(p, (fd) => markAt(fd, completeEnd(fd, statSync(p).size)))];
  })) as LogMarks;
}

/** Throws, naming the file, unless every log still begins with the bytes its mark was taken over. */
export function checkMarks(dir: string, marks: LogMarks): void {
  for (const log of LOGS) {
    const p = join(dir, logFileName(log));
    const m = marks[log];
    if (!existsSync(p)) throw new CertFormatError(`missing required file: ${p}`);
    const size = statSync(p).size;
    if (size < m.bytes) throw new CertFormatError(`${p}: ${size} bytes, fewer than the ${m.bytes} already read: the logs may only grow`);
    const now = withFile(p, (fd) => markAt(fd, m.bytes));
    if (now.head !== m.head || now.tail !== m.tail) throw new CertFormatError(`${p}: the lines before byte ${m.bytes}, already read, are not the same any more: the logs may only grow`);
  }
}

function linkInto(target: string, link: string): void {
  if (existsSync(target)) symlinkSync(resolve(target), link);
}

export interface AppendedRelease {
  /** A release directory: the big logs' appended lines (with their header), the small logs whole, the people files linked. */
  dir: string;
  /** Each log's appended lines alone, with its header: what arrived since the marks. */
  appended: Record<Log, string>;
  /** Bytes appended per log. */
  bytes: Record<Log, number>;
  /** Marks at the new ends. */
  marks: LogMarks;
}

/**
 * Writes into `work` (emptied first) a release directory of what `dir` gained since
 * `marks`; see the file's header. The caller checks the marks first (checkMarks).
 */
export function appendedRelease(dir: string, marks: LogMarks, work: string): AppendedRelease {
  rmSync(work, { recursive: true, force: true });
  const rel = join(work, 'release'), parts = join(work, 'appended');
  mkdirSync(rel, { recursive: true });
  mkdirSync(parts, { recursive: true });
  const appended = {} as Record<Log, string>, bytes = {} as Record<Log, number>, next = {} as LogMarks;
  for (const log of LOGS) {
    const src = join(dir, logFileName(log)), part = join(parts, logFileName(log));
    withFile(src, (fd) => {
      const end = completeEnd(fd, statSync(src).size);
      const head = readAt(fd, 0, Math.min(end, TAIL));
      const nl = head.indexOf(10);
      const out = openSync(part, 'w');
      try {
        writeSync(out, nl >= 0 ? head.subarray(0, nl + 1) : Buffer.from('\n'));
        for (let at = marks[log].bytes; at < end; at += CHUNK) writeSync(out, readAt(fd, at, Math.min(CHUNK, end - at)));
      } finally {
        closeSync(out);
      }
      bytes[log] = end - marks[log].bytes;
      next[log] = markAt(fd, end);
    });
    appended[log] = part;
    symlinkSync(WHOLE_LOGS.includes(log) ? resolve(src) : resolve(part), join(rel, logFileName(log)));
  }
  linkInto(join(dir, LDAP_DIR), join(rel, LDAP_DIR));
  linkInto(join(dir, PSYCHOMETRIC_FILE), join(rel, PSYCHOMETRIC_FILE));
  const answers = findAnswersDir(dir);
  if (answers) linkInto(answers, join(rel, ANSWERS_DIR));
  return { dir: rel, appended, bytes, marks: next };
}

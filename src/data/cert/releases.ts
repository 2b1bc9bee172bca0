// CERT release schemas (columns per log file and release family) and release
// auto-detection from the files' header lines.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

export type Family = 'r4' | 'r5' | 'r6';
export type LogFile = 'logon' | 'device' | 'file' | 'email' | 'http';
export const LOG_FILES: readonly LogFile[] = ['logon', 'device', 'file', 'email', 'http'];
export const RELEASES = ['r4.1', 'r4.2', 'r5.1', 'r5.2', 'r6.1', 'r6.2'] as const;

/** Columns per file and family, in the order the releases write them. */
export const COLUMNS: Record<LogFile, Record<Family, readonly string[]>> = {
  logon: {
    r4: ['id', 'date', 'user', 'pc', 'activity'],
    r5: ['id', 'date', 'user', 'pc', 'activity'],
    r6: ['id', 'date', 'user', 'pc', 'activity'],
  },
  device: {
    r4: ['id', 'date', 'user', 'pc', 'activity'],
    r5: ['id', 'date', 'user', 'pc', 'file_tree', 'activity'],
    r6: ['id', 'date', 'user', 'pc', 'file_tree', 'activity'],
  },
  file: {
    r4: ['id', 'date', 'user', 'pc', 'filename', 'content'],
    r5: ['id', 'date', 'user', 'pc', 'filename', 'activity', 'to_removable_media', 'from_removable_media', 'content'],
    r6: ['id', 'date', 'user', 'pc', 'filename', 'activity', 'to_removable_media', 'from_removable_media', 'content'],
  },
  email: {
    r4: ['id', 'date', 'user', 'pc', 'to', 'cc', 'bcc', 'from', 'size', 'attachments', 'content'],
    r5: ['id', 'date', 'user', 'pc', 'to', 'cc', 'bcc', 'from', 'activity', 'size', 'attachments', 'content'],
    r6: ['id', 'date', 'user', 'pc', 'to', 'cc', 'bcc', 'from', 'activity', 'size', 'attachments', 'content'],
  },
  http: {
    r4: ['id', 'date', 'user', 'pc', 'url', 'content'],
    r5: ['id', 'date', 'user', 'pc', 'url', 'content'],
    r6: ['id', 'date', 'user', 'pc', 'url', 'activity', 'content'],
  },
};

/** Allowed `activity` values per file; anything else is a rejected row. */
export const ACTIVITIES: Record<LogFile, readonly string[]> = {
  logon: ['Logon', 'Logoff'],
  device: ['Connect', 'Disconnect'],
  file: ['File Open', 'File Copy', 'File Write', 'File Delete'],
  email: ['Send', 'View', 'Receive'],
  http: ['WWW Visit', 'WWW Download', 'WWW Upload'],
};

/** DuckDB type of a column when read (activity columns become ENUMs, see scan.ts), so bad values are rejected rows. */
export function columnType(file: LogFile, family: Family, col: string): string {
  switch (col) {
    case 'date':
      return 'TIMESTAMP';
    case 'activity':
      return `${file}_activity`;
    case 'size':
      return 'BIGINT';
    case 'attachments':
      return family === 'r4' ? 'INTEGER' : 'VARCHAR';
    case 'to_removable_media':
    case 'from_removable_media':
      return 'BOOLEAN';
    default:
      return 'VARCHAR';
  }
}

export const DATE_FORMAT = '%m/%d/%Y %H:%M:%S';

export interface DetectedLayout {
  family: Family;
  /** Header column order actually found in each file. */
  headers: Record<LogFile, string[]>;
  paths: Record<LogFile, string>;
}

/** A problem with the input data; the message names the file (and line and field where known). */
export class CertFormatError extends Error {}

/** Reads the first line of a file without reading the rest. */
export function readHeaderLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    let s = buf.subarray(0, n).toString('utf8');
    if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    const nl = s.indexOf('\n');
    return (nl >= 0 ? s.slice(0, nl) : s).replace(/\r$/, '');
  } finally {
    closeSync(fd);
  }
}

export function parseHeader(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').toLowerCase());
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((c) => s.has(c));
}

/** The families whose column set matches this header. */
function familiesFor(file: LogFile, header: string[]): Family[] {
  return (['r4', 'r5', 'r6'] as Family[]).filter((f) => sameColumns(COLUMNS[file][f], header));
}

/**
 * Checks that the release directory holds the five log files and LDAP/, reads their
 * headers and decides the release family (r4 / r5 / r6) from the column sets.
 */
export function detectLayout(dataDir: string, requested = 'auto'): DetectedLayout {
  const dir = resolve(dataDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CertFormatError(`data directory not found: ${dir}`);
  const paths = {} as Record<LogFile, string>;
  const headers = {} as Record<LogFile, string[]>;
  for (const f of LOG_FILES) {
    const p = join(dir, `${f}.csv`);
    if (!existsSync(p)) throw new CertFormatError(`missing required file: ${p}`);
    paths[f] = p;
    headers[f] = parseHeader(readHeaderLine(p));
  }
  const ldap = join(dir, 'LDAP');
  if (!existsSync(ldap) || !statSync(ldap).isDirectory()) throw new CertFormatError(`missing required directory: ${ldap} (monthly LDAP snapshots YYYY-MM.csv)`);

  let candidates: Family[] = ['r4', 'r5', 'r6'];
  if (requested !== 'auto') {
    if (!(RELEASES as readonly string[]).includes(requested)) throw new CertFormatError(`unknown release '${requested}' (expected auto or one of ${RELEASES.join(', ')})`);
    candidates = [requested.slice(0, 2) as Family];
  }
  for (const f of LOG_FILES) {
    const fams = familiesFor(f, headers[f]);
    const keep = candidates.filter((c) => fams.includes(c));
    if (keep.length === 0) {
      const expected = candidates.map((c) => `${c}: ${COLUMNS[f][c].join(',')}`).join(' | ');
      throw new CertFormatError(`${paths[f]}: line 1: header '${headers[f].join(',')}' does not match ${requested === 'auto' ? 'any release' : requested} (expected ${expected})`);
    }
    candidates = keep;
  }
  // r4 and r5 http look alike, r5 and r6 device/file/email look alike: the intersection decides.
  return { family: candidates[0]!, headers, paths };
}

/**
 * Picks the exact release name: the requested one, else the directory's name (r4.2 …),
 * else the single dataset named in answers/insiders.csv, else `<family>.2`.
 */
export function resolveRelease(family: Family, requested: string, dataDir: string, answerDatasets: string[]): string {
  if (requested !== 'auto') return requested;
  const name = basename(resolve(dataDir));
  if ((RELEASES as readonly string[]).includes(name) && name.startsWith(family)) return name;
  const ds = [...new Set(answerDatasets.map((d) => 'r' + d.replace(/^r/, '')))].filter((d) => d.startsWith(family + '.'));
  if (ds.length === 1 && (RELEASES as readonly string[]).includes(ds[0]!)) return ds[0]!;
  return `${family}.2`;
}

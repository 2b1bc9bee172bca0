// Release auto-detection from the log files' header lines, against the format's column
// sets (src/data/format), and the DuckDB types the reader gives each column.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { FAMILIES, familyOf, isRelease, releaseOfDataset, LDAP_DIR, LOG_COLUMNS, LOGS, logFileName, RELEASES, type Family, type Log, type Release } from '../format/index.js';

/** DuckDB type of a column when read (activity columns become ENUMs, see scan.ts), so bad values are rejected rows. */
export function columnType(file: Log, family: Family, col: string): string {
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

export interface DetectedLayout {
  family: Family;
  /** Header column order actually found in each file. */
  headers: Record<Log, string[]>;
  paths: Record<Log, string>;
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
function familiesFor(file: Log, header: string[]): Family[] {
  return FAMILIES.filter((f) => sameColumns(LOG_COLUMNS[file][f], header));
}

/**
 * Checks that the release directory holds the five log files and LDAP/, reads their
 * headers and decides the release family (r4 / r5 / r6) from the column sets.
 */
export function detectLayout(dataDir: string, requested = 'auto'): DetectedLayout {
  const dir = resolve(dataDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CertFormatError(`data directory not found: ${dir}`);
  const paths = {} as Record<Log, string>;
  const headers = {} as Record<Log, string[]>;
  for (const f of LOGS) {
    const p = join(dir, logFileName(f));
    if (!existsSync(p)) throw new CertFormatError(`missing required file: ${p}`);
    paths[f] = p;
    headers[f] = parseHeader(readHeaderLine(p));
  }
  const ldap = join(dir, LDAP_DIR);
  if (!existsSync(ldap) || !statSync(ldap).isDirectory()) throw new CertFormatError(`missing required directory: ${ldap} (monthly LDAP snapshots YYYY-MM.csv)`);

  let candidates: Family[] = [...FAMILIES];
  if (requested !== 'auto') {
    if (!isRelease(requested)) throw new CertFormatError(`unknown release '${requested}' (expected auto or one of ${RELEASES.join(', ')})`);
    candidates = [familyOf(requested)];
  }
  for (const f of LOGS) {
    const fams = familiesFor(f, headers[f]);
    const keep = candidates.filter((c) => fams.includes(c));
    if (keep.length === 0) {
      const expected = candidates.map((c) => `${c}: ${LOG_COLUMNS[f][c].join(',')}`).join(' | ');
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
export function resolveRelease(family: Family, requested: string, dataDir: string, answerDatasets: string[]): Release {
  if (requested !== 'auto') {
    if (!isRelease(requested)) throw new CertFormatError(`unknown release '${requested}' (expected auto or one of ${RELEASES.join(', ')})`);
    return requested;
  }
  const name = basename(resolve(dataDir));
  if (isRelease(name) && familyOf(name) === family) return name;
  const ds = [...new Set(answerDatasets.map(releaseOfDataset))].filter((d): d is Release => isRelease(d) && familyOf(d) === family);
  if (ds.length === 1) return ds[0]!;
  return `${family}.2`;
}

// Shared helpers for the CERT feature tests: fixture paths, a scratch directory, and
// reading Parquet rows back through DuckDB.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { extractFeatures, type FeatureSummary, type Granularity } from '../../src/data/cert/index.js';
import { LOGS, logFileName } from '../../src/data/format/index.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cert');

export function scratchDir(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-cert-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Rows of a Parquet file as plain objects (BIGINT → number, DATE/TIMESTAMP → ISO text). */
export async function readRows(path: string, where = 'true'): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    const r = await c.runAndReadAll(`SELECT * FROM read_parquet('${path.replace(/'/g, "''")}') WHERE ${where}`);
    return r.getRowObjectsJS().map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString().replace('T00:00:00.000Z', '') : v])),
    );
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

/** The single row matching `where`. */
export async function oneRow(path: string, where: string): Promise<Record<string, unknown>> {
  const rows = await readRows(path, where);
  if (rows.length !== 1) throw new Error(`expected one row where ${where}, got ${rows.length}`);
  return rows[0]!;
}

/** Extracts a fixture release into a scratch directory, hands fn the Parquet path and summary, then cleans up. */
export async function withExtracted(
  release: string,
  granularity: Granularity,
  fn: (out: string, summary: FeatureSummary) => Promise<void>,
): Promise<void> {
  const s = scratchDir();
  try {
    const out = join(s.dir, `${granularity}.parquet`);
    await fn(out, await extractFeatures({ data: join(FIXTURES, release), granularity, out, quiet: true }));
  } finally {
    s.done();
  }
}

/** MM/DD/YYYY in a log line's second field → YYYY-MM-DD. */
const lineDay = (line: string) => {
  const d = line.slice(line.indexOf(',') + 1);
  return `${d.slice(6, 10)}-${d.slice(0, 2)}-${d.slice(3, 5)}`;
};

/** A copy of release `src` as it stood at the end of `day`: later log lines dropped, later LDAP snapshots removed. */
export function cutRelease(src: string, dst: string, day: string): void {
  mkdirSync(join(dst, 'LDAP'), { recursive: true });
  for (const log of LOGS) {
    const [head, ...lines] = readFileSync(join(src, logFileName(log)), 'utf8').split('\n').filter((l) => l.length > 0);
    writeFileSync(join(dst, logFileName(log)), [head, ...lines.filter((l) => lineDay(l) <= day)].join('\n') + '\n');
  }
  for (const f of readdirSync(join(src, 'LDAP'))) if (`${f.slice(0, 7)}-01` <= day) copyFileSync(join(src, 'LDAP', f), join(dst, 'LDAP', f));
  copyFileSync(join(src, 'psychometric.csv'), join(dst, 'psychometric.csv'));
  cpSync(join(src, 'answers'), join(dst, 'answers'), { recursive: true });
}


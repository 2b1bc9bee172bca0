// Shared helpers for the CERT feature tests: fixture paths, a scratch directory, and
// reading Parquet rows back through DuckDB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { extractFeatures, type FeatureSummary, type Granularity } from '../../src/data/cert/index.js';

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

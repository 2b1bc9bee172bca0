// Writing the feature table in bounded memory. Stage B and the final select materialise
// wide rows (per-window aggregate states, the joins' hash tables, the sort), several
// copies of windows × ~530 columns: on the r4.2 profile that is ~1.3 GB each, and a 4×
// release ran out of DuckDB's memory limit in the final sort. So both run per range of
// users sized to the memory limit, each range's rows sorted on their own and written to a
// part file; since every output order starts with the user, the parts in user order are
// the whole table in order, and one last COPY streams them into FILE.parquet. A release
// that fits in one range (tests, the demo) is written directly, without the extra pass.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from '../format/index.js';
import { finalSelectSql, type RowDef } from './assemble.js';
import type { Duck } from './duck.js';
import { stageBSql, type FeatureDef } from './features.js';
import { lit } from './sql.js';
import type { Granularity } from './types.js';

/**
 * Bytes of memory limit per value of a range. A wide value is held several times at once
 * (the stage-B table, a join's hash table, the sort, the writer's buffers), and DuckDB
 * spills what does not fit: the r4.2 profile's 300 k windows × 537 columns complete in one
 * range within 2 GB (peak RSS ≈ 2.3 GB), while its 4× release in one range ran out of
 * memory. 12 bytes per value keeps every range at most that measured size per memory.
 */
const BYTES_PER_VALUE = 12;

/** Windows per range when the memory limit is `limitBytes` and a row has `columns` values. */
export function windowsPerRange(limitBytes: number, columns: number): number {
  return Math.max(1000, Math.floor(limitBytes / (BYTES_PER_VALUE * columns)));
}

/**
 * Consecutive user ranges [from, to) of about `perRange` windows each (a user is never
 * split); null bounds are open. One range [null, null] when everything fits.
 */
export async function userRanges(duck: Duck, perRange: number): Promise<[string | null, string | null][]> {
  const users = await duck.rows<{ user: string; n: number }>(`SELECT "user", count(*)::INTEGER AS n FROM win GROUP BY "user" ORDER BY "user"`);
  const ranges: [string | null, string | null][] = [];
  let from: string | null = null;
  let acc = 0;
  for (const u of users) {
    if (acc > 0 && acc + u.n > perRange) {
      ranges.push([from, u.user]);
      from = u.user;
      acc = 0;
    }
    acc += u.n;
  }
  ranges.push([from, null]);
  return ranges;
}

/** SQL predicate: `col` within the range. */
function inRange(col: string, [from, to]: [string | null, string | null]): string {
  return [from !== null ? `${col} >= ${lit(from)}` : null, to !== null ? `${col} < ${lit(to)}` : null].filter((p) => p !== null).join(' AND ') || 'true';
}

export interface FeatureTableSpec {
  g: Granularity;
  domains: Log[];
  grids: Map<Log, FeatureDef[]>;
  rowDefs: RowDef[];
  labelled: boolean;
  /** Where the Parquet file goes (a temp path; the caller renames it). */
  out: string;
  /** Folder for the part files (removed again here). */
  scratchDir: string;
  /** Windows per range of users. */
  windowsPerRange: number;
  onProgress: (fraction: number) => void;
}

/**
 * Rows per Parquet row group. The writer buffers a row group per thread outside DuckDB's
 * memory limit: at 100 k rows × 537 columns that was ~0.4 GB each and most of the RSS above
 * the limit; 30 k rows cost 8 % more file and nothing in time.
 */
const ROW_GROUP = 30_000;
const PARQUET = `FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP}`;

/** Stage B and the final select per range of users, into spec.out; returns the number of ranges. */
export async function writeFeatureTable(duck: Duck, spec: FeatureTableSpec): Promise<number> {
  const ranges = await userRanges(duck, spec.windowsPerRange);
  const parts: string[] = [];
  try {
    for (const [i, range] of ranges.entries()) {
      for (const d of spec.domains) await duck.run(stageBSql(d, spec.g, spec.grids.get(d)!, inRange('"user"', range)));
      const select = finalSelectSql(spec.g, spec.domains, spec.grids, spec.rowDefs, spec.labelled, inRange('w."user"', range));
      const step = (f: number) => spec.onProgress((i + f) / (ranges.length + (ranges.length > 1 ? 1 : 0)));
      if (ranges.length === 1) {
        await duck.runWithProgress(`COPY (${select}) TO ${lit(spec.out)} (${PARQUET})`, step);
        return 1;
      }
      // Parts are read back once, right away: uncompressed is the cheapest to write and read.
      const part = join(spec.scratchDir, `part-${String(i).padStart(5, '0')}.parquet`);
      parts.push(part);
      await duck.runWithProgress(`COPY (${select}) TO ${lit(part)} (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE ${ROW_GROUP})`, step);
    }
    // A single table function over the parts in list order: DuckDB keeps that order when
    // preserve_insertion_order is on.
    await duck.runWithProgress(
      `SET preserve_insertion_order = true;
       COPY (SELECT * FROM read_parquet([${parts.map(lit).join(', ')}])) TO ${lit(spec.out)} (${PARQUET});
       SET preserve_insertion_order = false`,
      (f) => spec.onProgress((ranges.length + f) / (ranges.length + 1)),
    );
    return ranges.length;
  } finally {
    for (const p of parts) rmSync(p, { force: true });
  }
}

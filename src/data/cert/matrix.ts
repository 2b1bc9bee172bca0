// Reads a feature table written by extractFeatures back as dense arrays for training:
// one row-major Float32Array of the chosen feature columns (NULL → 0, the schema marks
// which columns can be NULL), the label column, and the row keys that splits and the
// history layout need (which user, which day). Rows come in (user, time) order, so a
// user's rows are contiguous and chronological. DuckDB reads the Parquet; nothing is
// parsed in JS.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck } from './duck.js';
import { lit } from './sql.js';
import { readSchema } from './schema.js';
import type { FeatureSchema } from './types.js';

export interface FeatureMatrix {
  schema: FeatureSchema;
  /** Feature column names, in the order of `values`' columns. */
  columns: string[];
  n: number;
  /** [n, columns.length] row-major. */
  values: Float32Array;
  /** Scenario number per row (0 = benign), or null when the table is unlabelled. */
  insider: Int32Array | null;
  /** Distinct user ids, sorted; `user[i]` indexes into it. */
  users: string[];
  user: Int32Array;
  /** The row's day (day/session tables) or week start (week tables) as days since 1970-01-01. */
  time: Int32Array;
  /** Which key column `time` came from. */
  timeKey: string;
}

export interface MatrixOptions {
  /** Feature columns to read, default every schema column. */
  columns?: string[];
  /** At most this many rows, in (user, key) order. */
  limit?: number;
  /** Further Parquet files of the same schema, read with the first as one table. */
  more?: string[];
  /** SQL predicate over the table's columns: only the rows that meet it are read. */
  where?: string;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Days since the epoch as an ISO date (the inverse of the `time` key). */
export function dayToIso(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

export async function loadFeatureMatrix(parquet: string, opts: MatrixOptions = {}): Promise<FeatureMatrix> {
  const schema = await readSchema(parquet);
  const known = new Set(schema.columns.map((c) => c.name));
  const columns = opts.columns ?? schema.columns.map((c) => c.name);
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length) throw new Error(`${parquet}: no feature column(s) ${unknown.join(', ')} in its schema`);
  const timeKey = ['day', 'week'].find((k) => schema.keys.includes(k));
  if (!schema.keys.includes('user') || !timeKey) throw new Error(`${parquet}: its schema's keys [${schema.keys.join(', ')}] need 'user' and 'day' or 'week'`);
  const labelled = schema.labels.includes('insider');
  const select = [
    ...columns.map((c) => `coalesce(CAST(${quote(c)} AS FLOAT), 0)`),
    labelled ? 'CAST(insider AS INTEGER)' : '0',
    'dense_rank() OVER (ORDER BY "user")::INTEGER - 1',
    `date_diff('day', DATE '1970-01-01', CAST(${quote(timeKey)} AS DATE))::INTEGER`,
  ].join(', ');
  const order = ['user', timeKey, ...schema.keys.filter((k) => k !== 'user' && k !== timeKey)].map(quote).join(', ');
  const duck = await Duck.open({ threads: 2, memoryLimit: '2GB', tempDir: join(tmpdir(), `reslab-matrix-${process.pid}-${Date.now()}`) });
  try {
    const files = [parquet, ...(opts.more ?? [])];
    // By name: a later file may lack a column an earlier one has (read as NULL, then 0).
    const from = `FROM read_parquet([${files.map(lit).join(', ')}]${files.length > 1 ? ', union_by_name = true' : ''}) ${opts.where ? `WHERE ${opts.where}` : ''}`;
    const total = Number(await duck.scalar(`SELECT count(*) ${from}`));
    const n = opts.limit !== undefined ? Math.min(total, Math.max(0, Math.floor(opts.limit))) : total;
    const users = (await duck.rows<{ u: string }>(`SELECT DISTINCT "user"::VARCHAR AS u ${from} ORDER BY 1`)).map((r) => r.u);
    const f = columns.length;
    const values = new Float32Array(n * f);
    const insider = labelled ? new Int32Array(n) : null;
    const user = new Int32Array(n), time = new Int32Array(n);
    // Chunk by chunk, straight into the typed arrays: no whole-table JS arrays.
    const result = await duck.conn.stream(`SELECT ${select} ${from} ORDER BY ${order} LIMIT ${n}`);
    let row = 0;
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const m = chunk.rowCount;
      for (let j = 0; j < f; j++) {
        const col = chunk.getColumnValues(j) as number[];
        for (let i = 0; i < m; i++) values[(row + i) * f + j] = col[i];
      }
      const lab = chunk.getColumnValues(f) as number[], us = chunk.getColumnValues(f + 1) as number[], ts = chunk.getColumnValues(f + 2) as number[];
      for (let i = 0; i < m; i++) {
        if (insider) insider[row + i] = lab[i];
        user[row + i] = us[i];
        time[row + i] = ts[i];
      }
      row += m;
    }
    if (row !== n) throw new Error(`${parquet}: expected ${n} rows, read ${row}`);
    return { schema, columns, n, values, insider, users, user, time, timeKey };
  } finally {
    duck.close();
  }
}

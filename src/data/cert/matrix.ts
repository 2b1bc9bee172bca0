// Reads a feature table written by extractFeatures back as dense arrays for training:
// one row-major Float32Array of the chosen feature columns (NULL → 0, the schema marks
// which columns can be NULL) plus the label columns. Detection and the demo feed these to
// layouts and models; DuckDB reads the Parquet, so nothing is parsed in JS.
import { DuckDBInstance } from '@duckdb/node-api';
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
}

export interface MatrixOptions {
  /** Feature columns to read, default every schema column. */
  columns?: string[];
  /** At most this many rows, in (user, key) order. */
  limit?: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function loadFeatureMatrix(parquet: string, opts: MatrixOptions = {}): Promise<FeatureMatrix> {
  const schema = await readSchema(parquet);
  const known = new Set(schema.columns.map((c) => c.name));
  const columns = opts.columns ?? schema.columns.map((c) => c.name);
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length) throw new Error(`${parquet}: no feature column(s) ${unknown.join(', ')} in its schema`);
  const labelled = schema.labels.includes('insider');
  const select = [
    ...columns.map((c) => `coalesce(CAST(${quote(c)} AS FLOAT), 0)`),
    labelled ? 'CAST(insider AS INTEGER)' : '0',
  ].join(', ');
  const order = schema.keys.map(quote).join(', ');
  const db = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await db.connect();
  try {
    const from = `FROM read_parquet('${parquet.replaceAll("'", "''")}')`;
    const total = Number((await conn.runAndReadAll(`SELECT count(*) ${from}`)).getRowsJS()[0][0]);
    const n = opts.limit !== undefined ? Math.min(total, Math.max(0, Math.floor(opts.limit))) : total;
    const f = columns.length;
    const values = new Float32Array(n * f);
    const insider = labelled ? new Int32Array(n) : null;
    // Chunk by chunk, straight into the typed arrays: no whole-table JS arrays.
    const result = await conn.stream(`SELECT ${select} ${from} ORDER BY ${order} LIMIT ${n}`);
    let row = 0;
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const m = chunk.rowCount;
      for (let j = 0; j < f; j++) {
        const col = chunk.getColumnValues(j) as number[];
        for (let i = 0; i < m; i++) values[(row + i) * f + j] = col[i];
      }
      if (insider) {
        const col = chunk.getColumnValues(f) as number[];
        for (let i = 0; i < m; i++) insider[row + i] = col[i];
      }
      row += m;
    }
    if (row !== n) throw new Error(`${parquet}: expected ${n} rows, read ${row}`);
    return { schema, columns, n, values, insider };
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

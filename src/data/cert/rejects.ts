// Malformed rows: DuckDB keeps them in a rejects table per file; here they are counted,
// explained (file, line, field, what was expected), turned into a --strict error, and
// written out as FILE.rejects.csv.
import type { Duck } from './duck.js';
import { ACTIVITIES, DATE_FORMAT, type Log } from '../format/index.js';
import { CertFormatError, type DetectedLayout } from './releases.js';
import { rejectsTable } from './scan.js';
import type { RejectInfo } from './types.js';

interface RejectRow {
  line: number;
  column_name: string | null;
  error_type: string;
  error_message: string;
  csv_line: string;
}

/** Per-file count of distinct rejected lines and the first ten line numbers. */
export async function countRejects(duck: Duck, file: Log): Promise<RejectInfo> {
  const t = rejectsTable(file);
  const [row] = await duck.rows<{ n: number; lines: number[] }>(
    `SELECT count(DISTINCT line)::INTEGER AS n,
            coalesce(list_sort(list_distinct(list(line::INTEGER)))[1:10], []) AS lines FROM ${t}`,
  );
  return { count: row?.n ?? 0, sampleLines: [...(row?.lines ?? [])].map(Number) };
}

/** Says what was expected for a rejected field, in the data's own terms. */
export function explainReject(file: Log, r: Pick<RejectRow, 'column_name' | 'error_type' | 'error_message' | 'csv_line'>): string {
  if (r.error_type === 'CAST' && r.column_name === 'activity') {
    return `unknown activity; expected one of ${ACTIVITIES[file].join(', ')}`;
  }
  if (r.error_type === 'CAST' && r.column_name === 'date') {
    return `unparseable date; expected ${DATE_FORMAT.replace('%m', 'MM').replace('%d', 'DD').replace('%Y', 'YYYY').replace('%H', 'HH').replace('%M', 'MM').replace('%S', 'SS')}`;
  }
  if (r.error_type === 'MISSING COLUMNS' || r.error_type === 'TOO MANY COLUMNS') {
    return `wrong column count (${r.error_message})`;
  }
  return `${r.error_type.toLowerCase()}: ${r.error_message}`;
}

/** Throws a CertFormatError naming file, line and field of the first rejected row, if any. */
export async function failOnReject(duck: Duck, layout: DetectedLayout, file: Log): Promise<void> {
  const rows = await duck.rows<RejectRow>(
    `SELECT line::INTEGER AS line, column_name, error_type, error_message, csv_line FROM ${rejectsTable(file)} ORDER BY line, column_idx LIMIT 1`,
  );
  const r = rows[0];
  if (!r) return;
  const field = r.column_name ? `field '${r.column_name}'` : 'row';
  throw new CertFormatError(`${layout.paths[file]}: line ${r.line}: ${field}: ${explainReject(file, r)}: ${JSON.stringify(r.csv_line)}`);
}

/** SQL selecting every rejected line of the given files, one row per line (first error). */
export function rejectsSelect(layout: DetectedLayout, files: Log[]): string {
  return files
    .map(
      (f) => `SELECT ${`'${f}'`} AS file, line::BIGINT AS line, column_name AS field, error_type AS reason,
                error_message AS message, csv_line AS raw
              FROM ${rejectsTable(f)} QUALIFY row_number() OVER (PARTITION BY line ORDER BY column_idx) = 1`,
    )
    .join(' UNION ALL ')
    .concat(' ORDER BY file, line');
}

/** Writes FILE.rejects.csv (via a temp path the caller renames). */
export async function writeRejects(duck: Duck, layout: DetectedLayout, files: Log[], tmpPath: string): Promise<void> {
  await duck.run(`COPY (${rejectsSelect(layout, files)}) TO '${tmpPath.replace(/'/g, "''")}' (FORMAT csv, HEADER true)`);
}

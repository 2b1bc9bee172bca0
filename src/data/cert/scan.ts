// The one DuckDB CSV scan of each log file: explicit column types (so a bad date or an
// unknown activity is a rejected row, not a silently wrong one), standard quoting
// (r6.x quotes fields holding commas), parallel, rejects kept in a per-file table.
import { ACTIVITIES, DATE_FORMAT, LOG_COLUMNS, type Log } from '../format/index.js';
import { columnType, type DetectedLayout } from './releases.js';
import { ident, lit, litList } from './sql.js';

/** The activity ENUM types that columnType() refers to. */
export function activityTypesSql(): string {
  return Object.entries(ACTIVITIES)
    .map(([file, values]) => `DROP TYPE IF EXISTS ${file}_activity; CREATE TYPE ${file}_activity AS ENUM ${litList(values)};`)
    .join('\n');
}

export function rejectsTable(file: Log): string {
  return `rejects_${file}`;
}

/** A table function call reading one log file with its header's column order. */
export function readCsvSql(layout: DetectedLayout, file: Log): string {
  const cols = layout.headers[file].map((c) => `${lit(c)}: ${lit(columnType(file, layout.family, c))}`).join(', ');
  return `read_csv(${lit(layout.paths[file])}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {${cols}}, timestampformat = ${lit(DATE_FORMAT)}, store_rejects = true,
    rejects_table = ${lit(rejectsTable(file))}, rejects_scan = ${lit(rejectsTable(file) + '_scan')}, max_line_size = 16777216)`;
}

/**
 * The first `rows` rows of one log file's `cols`, all as text, for small look-up tables
 * built before the real scan. Malformed rows are skipped here: the real scan reports them.
 */
export function headCsvSql(layout: DetectedLayout, file: Log, cols: string[], rows: number): string {
  const all = layout.headers[file].map((c) => `${lit(c)}: 'VARCHAR'`).join(', ');
  return `(SELECT ${cols.map(ident).join(', ')} FROM read_csv(${lit(layout.paths[file])}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {${all}}, ignore_errors = true, max_line_size = 16777216) LIMIT ${rows})`;
}

/** The raw column names a family's file has (for building projections). */
export function hasColumn(layout: DetectedLayout, file: Log, col: string): boolean {
  return LOG_COLUMNS[file][layout.family].includes(col);
}

export { ident };

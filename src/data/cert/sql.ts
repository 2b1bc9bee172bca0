// Tiny helpers for building DuckDB SQL text safely.

/** A SQL string literal. */
export function lit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A quoted identifier. */
export function ident(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A SQL list of string literals: ('a', 'b'). */
export function litList(xs: readonly string[]): string {
  return `(${xs.map(lit).join(', ')})`;
}

/**
 * `sql` run with DuckDB's build-side/probe-side swap turned off, so every hash join builds
 * its table on the side written second (the lookups, label sets and per-window tables).
 * The swap goes by row estimates, and a CSV scan is estimated at a few dozen rows: it then
 * built the hash table on the whole scan (tens of millions of rows, with page faults and
 * spilling) in order to probe it with a 50-row lookup table.
 */
export function joinSidesAsWritten(sql: string): string {
  return `SET disabled_optimizers = 'build_side_probe_side';\n${sql};\nRESET disabled_optimizers`;
}

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

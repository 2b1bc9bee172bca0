// Number formatting for tables: fixed digits for rates, thousands separators for counts,
// SI suffixes for MACs, and "mean ± sd" when a figure is over several seeds.
import type { Stat } from './types.js';

export function fixed(x: number | undefined, digits = 3): string | undefined {
  return x === undefined || !Number.isFinite(x) ? undefined : x.toFixed(digits);
}

/** "0.912 ± 0.004" over several runs, "0.912" for one. */
export function stat(s: Stat | undefined, digits = 3): string | undefined {
  if (!s) return undefined;
  return s.n > 1 ? `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}` : s.mean.toFixed(digits);
}

export function count(x: number | undefined): string | undefined {
  return x === undefined ? undefined : Math.round(x).toLocaleString('en-US');
}

/** 1234567 → "1.23 M". */
export function si(x: number | undefined): string | undefined {
  if (x === undefined) return undefined;
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [v, u] of units) if (Math.abs(x) >= v) return `${(x / v).toPrecision(3)} ${u}`;
  return String(x);
}

export function meanSd(xs: number[]): Stat {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  // Sample sd (n − 1): the spread a reader would expect over seeds.
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, n };
}

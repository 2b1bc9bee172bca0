// Number formatting for tables: fixed digits for rates, thousands separators for counts,
// SI suffixes for MACs, and "mean ± sd" when a figure is over several seeds.

export function fixed(x: number | undefined, digits = 3): string | undefined {
  return x === undefined || !Number.isFinite(x) ? undefined : x.toFixed(digits);
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

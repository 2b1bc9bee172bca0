// The history layout's gather table: for every row, the row numbers of the same user's
// previous `days` rows and itself, oldest first, padded at the front with `pad` (a zero
// row). Rows must be grouped by user in time order; only rows at or before the row's own
// time are ever referenced, so a sample never sees a later day.
export function historyIndex(user: Int32Array, time: Int32Array, days: number, pad: number): BigInt64Array {
  const n = user.length;
  const out = new BigInt64Array(n * days).fill(BigInt(pad));
  let start = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && user[i] !== user[i - 1]) start = i;
    if (i > start && time[i] < time[i - 1]) throw new Error(`history layout: row ${i} goes back in time within its user; rows must be in time order`);
    const first = Math.max(start, i - days + 1);
    for (let r = first; r <= i; r++) out[i * days + (days - 1 - (i - r))] = BigInt(r);
  }
  return out;
}

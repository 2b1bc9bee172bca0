// Maps integer ids (user indices, day numbers, scenario codes) to 0..count−1 so that
// per-user and per-day tallies can live in typed arrays instead of Maps of objects.
import { checkIntegers } from './validate.js';

export interface DenseIds {
  /** Dense index of each row's id; dense indices follow ascending id order. */
  index: Int32Array;
  /** The original id of each dense index, ascending. */
  ids: Float64Array;
}

export function denseIds(what: string, name: string, values: ArrayLike<number>): DenseIds {
  checkIntegers(what, name, values);
  const n = values.length;
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  const index = new Int32Array(n);
  if (n === 0) return { index, ids: new Float64Array(0) };
  const range = max - min + 1;
  if (range <= 4 * n + 1024) {
    // Ids are compact enough (the usual case): a lookup table over [min, max].
    const slot = new Int32Array(range).fill(-1);
    for (let i = 0; i < n; i++) slot[values[i] - min] = 0;
    let count = 0;
    for (let v = 0; v < range; v++) if (slot[v] === 0) slot[v] = count++;
    const ids = new Float64Array(count);
    for (let v = 0; v < range; v++) if (slot[v] >= 0) ids[slot[v]] = v + min;
    for (let i = 0; i < n; i++) index[i] = slot[values[i] - min];
    return { index, ids };
  }
  // Sparse ids: sorted unique values and a binary search per row.
  const sorted = Float64Array.from(values).sort();
  let count = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[count++] = sorted[i];
  const ids = sorted.slice(0, count);
  for (let i = 0; i < n; i++) {
    let lo = 0, hi = count - 1;
    const v = values[i];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    index[i] = lo;
  }
  return { index, ids };
}

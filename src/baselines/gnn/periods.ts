// Rows grouped into periods (the days, or weeks, of the feature table): each period is
// one graph whose nodes are all users, a row being the node of its user in its period.
import type { GraphContext } from '../graph/types.js';

export interface Periods {
  /** Distinct row times, ascending: the first day of each period. */
  starts: Int32Array;
  /** Rows of period k: rows[offset[k] .. offset[k+1]). */
  offset: Int32Array;
  rows: Int32Array;
}

export function groupPeriods(who: string, ctx: GraphContext): Periods {
  const n = ctx.time.length;
  const rows = Int32Array.from({ length: n }, (_, i) => i).sort((i, j) => ctx.time[i] - ctx.time[j] || ctx.user[i] - ctx.user[j] || i - j);
  const starts: number[] = [], offset: number[] = [];
  for (let r = 0; r < n; r++) {
    const i = rows[r];
    if (r === 0 || ctx.time[i] !== ctx.time[rows[r - 1]]) {
      starts.push(ctx.time[i]);
      offset.push(r);
    } else if (ctx.user[i] === ctx.user[rows[r - 1]]) {
      throw new RangeError(`${who}: rows ${rows[r - 1]} and ${i} are both user '${ctx.users[ctx.user[i]]}' at time ${ctx.time[i]}; `
        + `a graph baseline needs one row per user and period (day or week features, not sessions)`);
    }
  }
  offset.push(n);
  return { starts: Int32Array.from(starts), offset: Int32Array.from(offset), rows };
}

/** Days per period: the smallest gap between period starts (1 for days, 7 for weeks); 1 for a single period. */
export function inferPeriodDays(starts: Int32Array): number {
  let gap = Infinity;
  for (let k = 1; k < starts.length; k++) gap = Math.min(gap, starts[k] - starts[k - 1]);
  return Number.isFinite(gap) ? gap : 1;
}

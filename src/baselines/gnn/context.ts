// The checks a graph baseline runs on TabularData.context before trusting its indices:
// a missing context, a per-row array of the wrong length or an edge pointing outside its
// list fails here with the field named, not as a wrong read inside message passing.
import type { GraphContext } from '../graph/types.js';
import type { TabularData } from '../types.js';

export function requireContext(who: string, d: TabularData): GraphContext {
  const c = d.context;
  if (!c) {
    throw new Error(`${who}: the graph baselines need the log edges (who mailed whom, who logged on to which PC) `
      + `and each row's user and day; this data has no context. Extract the edges with 'reslab features --edges' `
      + `and run the detector through 'reslab baselines', which attaches them`);
  }
  const U = c.users.length;
  if (U === 0) throw new RangeError(`${who}: context.users is empty`);
  for (const k of ['user', 'time'] as const) {
    if (!(c[k] instanceof Int32Array)) throw new TypeError(`${who}: context.${k} must be an Int32Array`);
    if (c[k].length !== d.n) throw new RangeError(`${who}: context.${k} has ${c[k].length} entries for ${d.n} rows`);
  }
  for (let i = 0; i < d.n; i++) {
    if (c.user[i] < 0 || c.user[i] >= U) throw new RangeError(`${who}: context.user[${i}] = ${c.user[i]} is outside context.users (${U} users)`);
  }
  for (const e of c.edges) checkEdges(who, e, U);
  return c;
}

function checkEdges(who: string, e: GraphContext['edges'][number], U: number): void {
  const at = `context.edges (${e.kind})`;
  const m = e.user.length;
  for (const k of ['target', 'day', 'count'] as const) {
    if (e[k].length !== m) throw new RangeError(`${who}: ${at}.${k} has ${e[k].length} entries, .user has ${m}`);
  }
  // Email targets are users, so message passing can index nodes by them directly.
  const nTargets = e.kind === 'email' ? U : e.targets.length;
  for (let i = 0; i < m; i++) {
    if (e.user[i] < 0 || e.user[i] >= U) throw new RangeError(`${who}: ${at}.user[${i}] = ${e.user[i]} is outside context.users (${U})`);
    if (e.target[i] < 0 || e.target[i] >= nTargets) throw new RangeError(`${who}: ${at}.target[${i}] = ${e.target[i]} is outside its ${nTargets} targets`);
    if (!(e.count[i] >= 0) || !Number.isFinite(e.count[i])) throw new RangeError(`${who}: ${at}.count[${i}] = ${e.count[i]}; counts must be finite and >= 0`);
  }
}

// The checks every graph detector (communities, GNNs) runs on its input before trusting
// an index: a GraphContext is there, its per-row arrays match the rows, every edge points
// inside its lists, and it holds the edge kinds the detector reads. The message says
// where edges come from, since a missing context almost always means a missing
// FEATURES.edges.parquet.
import type { TabularData } from '../types.js';
import { EDGE_KINDS, type EdgeKind, type EdgeList, type GraphContext } from './types.js';

export const EDGES_HINT = "write FEATURES.edges.parquet beside the feature table with 'reslab features … --edges', or pass 'reslab baselines --edges FILE'";

export function requireContext(who: string, data: TabularData): GraphContext {
  const ctx = data.context;
  if (!ctx) {
    throw new Error(`${who}: the rows come without a graph context; the graph baselines need the log edges (who mailed whom, `
      + `who logged on to which PC) and each row's user and day. ${EDGES_HINT}`);
  }
  const U = ctx.users.length;
  if (U === 0) throw new RangeError(`${who}: context.users is empty`);
  for (const k of ['user', 'time'] as const) {
    if (!(ctx[k] instanceof Int32Array)) throw new TypeError(`${who}: context.${k} must be an Int32Array`);
    if (ctx[k].length !== data.n) throw new RangeError(`${who}: context.${k} has ${ctx[k].length} entries for ${data.n} rows`);
  }
  for (let i = 0; i < data.n; i++) {
    if (ctx.user[i] < 0 || ctx.user[i] >= U) throw new RangeError(`${who}: context.user[${i}] = ${ctx.user[i]} is outside context.users (${U} users)`);
  }
  if (ctx.rowDays !== undefined && !(Number.isInteger(ctx.rowDays) && ctx.rowDays >= 1)) throw new RangeError(`${who}: context rowDays must be a positive integer (got ${ctx.rowDays})`);
  for (const e of ctx.edges) checkEdges(who, e, U);
  return ctx;
}

function checkEdges(who: string, e: EdgeList, U: number): void {
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

/** The edge lists of `kinds` (default: every non-empty kind in the context), failing on a missing one. */
export function edgeLists(who: string, ctx: GraphContext, kinds?: readonly EdgeKind[]): EdgeList[] {
  const want = kinds ?? EDGE_KINDS.filter((k) => ctx.edges.some((e) => e.kind === k && e.user.length > 0));
  if (want.length === 0) throw new Error(`${who}: the graph context holds no edges; ${EDGES_HINT}`);
  return want.map((k) => {
    const list = ctx.edges.find((e) => e.kind === k);
    if (!list) throw new Error(`${who}: the graph context has no '${k}' edges (it has ${ctx.edges.map((e) => e.kind).join(', ') || 'none'}); ${EDGES_HINT}`);
    return list;
  });
}

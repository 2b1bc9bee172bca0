// The checks every graph detector runs on its input: a GraphContext is there, matches the
// rows, and holds the edge kinds the detector reads. The message says where edges come
// from, since a missing context almost always means a missing FEATURES.edges.parquet.
import type { TabularData } from '../types.js';
import { EDGE_KINDS, type EdgeKind, type EdgeList, type GraphContext } from './types.js';

export const EDGES_HINT = "write FEATURES.edges.parquet beside the feature table with 'reslab features … --edges', or pass 'reslab baselines --edges FILE'";

export function requireContext(who: string, data: TabularData): GraphContext {
  const ctx = data.context;
  if (!ctx) throw new Error(`${who}: the rows come without a graph context (users, days, log edges); ${EDGES_HINT}`);
  if (ctx.user.length !== data.n || ctx.time.length !== data.n) {
    throw new RangeError(`${who}: the graph context describes ${ctx.user.length} users and ${ctx.time.length} times for ${data.n} rows`);
  }
  for (let i = 0; i < data.n; i++) {
    const u = ctx.user[i]!;
    if (u < 0 || u >= ctx.users.length) throw new RangeError(`${who}: row ${i}'s user index ${u} is outside the context's ${ctx.users.length} users`);
  }
  if (ctx.rowDays !== undefined && !(Number.isInteger(ctx.rowDays) && ctx.rowDays >= 1)) throw new RangeError(`${who}: context rowDays must be a positive integer (got ${ctx.rowDays})`);
  return ctx;
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

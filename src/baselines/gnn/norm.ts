// A user graph as the weights of one propagation step, out[dst] += w · h[src] (plus
// self · h for GCN). Kept as edge lists (a sparse matrix on the engine) rather than a
// dense U×U matrix: a window's graph has tens of edges per user, so the product costs
// O(edges · width) where a dense Â·H would cost O(U² · width), and no user count is too large.
import type { UserGraph } from './graph.js';

/** Entries sorted by (dst, src), each pair once. */
export interface Propagation {
  src: Int32Array;
  dst: Int32Array;
  w: Float32Array;
  /** Weight of a node's own value (GCN's self-loop); null when there is none (SAGE). */
  self: Float32Array | null;
}

/**
 * Both directions of every pair, sorted by (dst, src) as a sparse row-major matrix wants
 * them: a stable counting sort by dst over the pairs in their (a, b) order puts, for each
 * dst d, the sources a < d (from pairs (a, d), ascending a) before the sources b > d (from
 * pairs (d, b), which come after every pair with a < d), each group ascending. `weight`
 * gives pair i's weight towards dst a (first) and towards dst b (second).
 */
function bothWays(g: UserGraph, U: number, weight: (i: number) => [toA: number, toB: number], self: Float32Array | null): Propagation {
  const m = g.a.length;
  const start = new Int32Array(U + 1);
  for (let i = 0; i < m; i++) { start[g.a[i] + 1]++; start[g.b[i] + 1]++; }
  for (let u = 0; u < U; u++) start[u + 1] += start[u];
  const p: Propagation = { src: new Int32Array(2 * m), dst: new Int32Array(2 * m), w: new Float32Array(2 * m), self };
  for (let i = 0; i < m; i++) {
    const [toA, toB] = weight(i);
    let at = start[g.b[i]]++;
    p.src[at] = g.a[i]; p.dst[at] = g.b[i]; p.w[at] = toB;
    at = start[g.a[i]]++;
    p.src[at] = g.b[i]; p.dst[at] = g.a[i]; p.w[at] = toA;
  }
  return p;
}

/** Kipf & Welling's D^-1/2 (A + I) D^-1/2, degrees counting the self-loop. */
export function gcnNorm(g: UserGraph, U: number): Propagation {
  const deg = new Float64Array(U).fill(1);
  for (let i = 0; i < g.a.length; i++) { deg[g.a[i]] += g.w[i]; deg[g.b[i]] += g.w[i]; }
  const self = Float32Array.from(deg, (d) => 1 / d);
  return bothWays(g, U, (i) => {
    const w = g.w[i] / Math.sqrt(deg[g.a[i]] * deg[g.b[i]]);
    return [w, w];
  }, self);
}

/**
 * GraphSAGE's mean aggregator, weighted by contact: node u receives Σ_v A_uv h_v / Σ_v A_uv.
 * A node without neighbours receives 0.
 */
export function meanNorm(g: UserGraph, U: number): Propagation {
  const s = new Float64Array(U);
  for (let i = 0; i < g.a.length; i++) { s[g.a[i]] += g.w[i]; s[g.b[i]] += g.w[i]; }
  return bothWays(g, U, (i) => [g.w[i] / s[g.a[i]], g.w[i] / s[g.b[i]]], null);
}

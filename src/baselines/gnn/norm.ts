// A user graph as the weights of one propagation step, out[dst] += w · h[src] (plus
// self · h for GCN). Kept as edge lists rather than a dense U×U matrix: a window's graph
// has tens of edges per user, so gathering and scattering them costs O(edges · width)
// where a dense Â·H would cost O(U² · width), and no user count is too large.
import type { UserGraph } from './graph.js';

export interface Propagation {
  src: Int32Array;
  dst: Int32Array;
  w: Float32Array;
  /** Weight of a node's own value (GCN's self-loop); null when there is none (SAGE). */
  self: Float32Array | null;
}

/** Kipf & Welling's D^-1/2 (A + I) D^-1/2, degrees counting the self-loop. */
export function gcnNorm(g: UserGraph, U: number): Propagation {
  const deg = new Float64Array(U).fill(1);
  for (let i = 0; i < g.a.length; i++) { deg[g.a[i]] += g.w[i]; deg[g.b[i]] += g.w[i]; }
  const m = g.a.length;
  const p: Propagation = { src: new Int32Array(2 * m), dst: new Int32Array(2 * m), w: new Float32Array(2 * m), self: new Float32Array(U) };
  for (let i = 0; i < m; i++) {
    const w = g.w[i] / Math.sqrt(deg[g.a[i]] * deg[g.b[i]]);
    p.src[2 * i] = g.a[i]; p.dst[2 * i] = g.b[i]; p.w[2 * i] = w;
    p.src[2 * i + 1] = g.b[i]; p.dst[2 * i + 1] = g.a[i]; p.w[2 * i + 1] = w;
  }
  for (let u = 0; u < U; u++) p.self![u] = 1 / deg[u];
  return p;
}

/**
 * GraphSAGE's mean aggregator, weighted by contact: node u receives Σ_v A_uv h_v / Σ_v A_uv.
 * A node without neighbours receives 0.
 */
export function meanNorm(g: UserGraph, U: number): Propagation {
  const s = new Float64Array(U);
  for (let i = 0; i < g.a.length; i++) { s[g.a[i]] += g.w[i]; s[g.b[i]] += g.w[i]; }
  const m = g.a.length;
  const p: Propagation = { src: new Int32Array(2 * m), dst: new Int32Array(2 * m), w: new Float32Array(2 * m), self: null };
  for (let i = 0; i < m; i++) {
    p.src[2 * i] = g.a[i]; p.dst[2 * i] = g.b[i]; p.w[2 * i] = g.w[i] / s[g.b[i]];
    p.src[2 * i + 1] = g.b[i]; p.dst[2 * i + 1] = g.a[i]; p.w[2 * i + 1] = g.w[i] / s[g.a[i]];
  }
  return p;
}

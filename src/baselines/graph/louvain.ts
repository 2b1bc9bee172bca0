// Louvain communities (graphology-communities-louvain) of a weighted undirected graph
// given as integer edge arrays. Seeded: graphology visits nodes in random order, drawn
// here from the project's Rng, and the labels are renumbered by their smallest node, so
// the same graph and seed give the same Int32Array.
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { Rng } from '../../util/rng.js';

// A CommonJS package whose types declare an ES default export: under Node's ESM a default
// import is module.exports, the function itself, while the types see a namespace.
type Louvain = (typeof louvainModule)['default'];
const louvain: Louvain = (louvainModule as unknown as { default?: Louvain }).default ?? (louvainModule as unknown as Louvain);

export interface WeightedEdges {
  /** Nodes are 0 … nodes - 1. */
  nodes: number;
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  w: ArrayLike<number>;
}

export interface LouvainOptions {
  seed?: number;
  /** Modularity resolution; above 1 gives more, smaller communities (graphology's default 1). */
  resolution?: number;
}

/**
 * Community per node (0 … k - 1, numbered in order of each community's smallest node), or
 * −1 for a node without edges. Parallel edges add up; self-loops and zero weights are ignored.
 */
export function louvainCommunities(g: WeightedEdges, opts: LouvainOptions = {}): Int32Array {
  const merged = new Map<number, number>();
  for (let i = 0; i < g.a.length; i++) {
    const a = g.a[i]!, b = g.b[i]!, w = g.w[i]!;
    if (a === b || !(w > 0)) continue;
    if (a < 0 || b < 0 || a >= g.nodes || b >= g.nodes) throw new RangeError(`louvain: edge ${i} (${a}, ${b}) outside nodes [0, ${g.nodes})`);
    const k = a < b ? a * g.nodes + b : b * g.nodes + a;
    merged.set(k, (merged.get(k) ?? 0) + w);
  }
  const out = new Int32Array(g.nodes).fill(-1);
  if (merged.size === 0) return out;
  const graph = new UndirectedGraph({ allowSelfLoops: false });
  const present = new Uint8Array(g.nodes);
  for (const k of merged.keys()) {
    present[Math.floor(k / g.nodes)] = 1;
    present[k % g.nodes] = 1;
  }
  for (let v = 0; v < g.nodes; v++) if (present[v]) graph.addNode(String(v));
  for (const [k, w] of merged) graph.addUndirectedEdge(String(Math.floor(k / g.nodes)), String(k % g.nodes), { weight: w });
  const rng = new Rng(opts.seed ?? 0, 0x10a);
  const found = louvain(graph, { rng: () => rng.float(), resolution: opts.resolution ?? 1, getEdgeWeight: 'weight' });
  const relabel = new Map<number, number>();
  for (let v = 0; v < g.nodes; v++) {
    if (!present[v]) continue;
    const c = found[String(v)]!;
    if (!relabel.has(c)) relabel.set(c, relabel.size);
    out[v] = relabel.get(c)!;
  }
  return out;
}

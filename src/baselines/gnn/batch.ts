// Several periods' graphs as one disconnected graph on the engine: period b's user u is
// node b·U + u, so one gather and one scatter propagate every period of the batch.
import * as torch from '../../torch/index.js';
import type { EngineScaler } from '../rows.js';
import type { TabularData } from '../types.js';
import type { NodeRows } from './layers.js';
import type { Propagation } from './norm.js';
import type { Periods } from './periods.js';

/** One propagation step's weights on the engine (made inside a tidy scope). */
export interface GraphBatch {
  n: number;
  /** Sparse [n, n]: row dst, column src, value w. */
  adj: torch.Tensor;
  /** [n, 1], or null */
  self: torch.Tensor | null;
}

export interface NodeBatch {
  /**
   * The nodes' inputs as the batch's rows alone (absent users are zero nodes): row r holds
   * data row rows[r]'s standardised features and a presence flag of 1, at node nodes[r].
   */
  x: NodeRows;
  /** The batch's rows (indices into the data), in x's row order. */
  rows: Int32Array;
  graph: GraphBatch;
}

/**
 * Periods' propagations as one block-diagonal sparse matrix. Each part is sorted by
 * (dst, src) and part b's nodes are offset by b·U, so the whole stays sorted.
 */
export function graphBatch(parts: Propagation[], U: number): GraphBatch {
  const E = parts.reduce((s, p) => s + p.src.length, 0);
  const src = new Int32Array(E), dst = new Int32Array(E), w = new Float32Array(E);
  const self = parts[0]?.self ? new Float32Array(parts.length * U) : null;
  let at = 0;
  parts.forEach((p, b) => {
    for (let i = 0; i < p.src.length; i++, at++) {
      src[at] = p.src[i] + b * U;
      dst[at] = p.dst[i] + b * U;
    }
    w.set(p.w, at - p.src.length);
    if (self) self.set(p.self!, b * U);
  });
  const n = parts.length * U;
  return {
    n,
    adj: torch.sparseSorted(dst, src, w, [n, n]),
    self: self ? torch.tensor(self, { shape: [self.length, 1] }) : null,
  };
}

/** The node features and row positions of periods `ks`, with their propagations `parts`. */
export function nodeBatch(data: TabularData, user: Int32Array, periods: Periods, ks: number[], parts: Propagation[], U: number, scaler: EngineScaler): NodeBatch {
  const { f } = data;
  let R = 0;
  for (const k of ks) R += periods.offset[k + 1] - periods.offset[k];
  const raw = new Float32Array(R * f);
  const rows = new Int32Array(R), nodes = new Int32Array(R);
  let r = 0;
  ks.forEach((k, b) => {
    for (let j = periods.offset[k]; j < periods.offset[k + 1]; j++, r++) {
      const i = periods.rows[j];
      raw.set(data.x.subarray(i * f, (i + 1) * f), r * f);
      rows[r] = i;
      nodes[r] = b * U + user[i];
    }
  });
  const x = torch.cat([scaler.apply(raw, R), torch.ones([R, 1])], 1);
  return { x: { rows: x, nodes: torch.tensor(nodes, { dtype: 'int64' }), n: ks.length * U }, rows, graph: graphBatch(parts, U) };
}

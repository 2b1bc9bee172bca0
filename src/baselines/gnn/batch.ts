// Several periods' graphs as one disconnected graph on the engine: period b's user u is
// node b·U + u, so one gather and one scatter propagate every period of the batch.
import * as torch from '../../torch/index.js';
import type { EngineScaler } from '../rows.js';
import type { TabularData } from '../types.js';
import type { Propagation } from './norm.js';
import type { Periods } from './periods.js';

/** One propagation step's weights on the engine (made inside a tidy scope). */
export interface GraphBatch {
  n: number;
  src: torch.Tensor;
  dst: torch.Tensor;
  /** [E, 1] */
  w: torch.Tensor;
  /** [n, 1], or null */
  self: torch.Tensor | null;
}

export interface NodeBatch {
  /** [n, f + 1]: standardised features (0 for a user without a row) and a presence flag. */
  x: torch.Tensor;
  /** The batch's rows (indices into the data) and their nodes, in the same order. */
  rows: Int32Array;
  rowNodes: torch.Tensor;
  graph: GraphBatch;
}

export function graphBatch(parts: Propagation[], U: number): GraphBatch {
  const E = parts.reduce((s, p) => s + p.src.length, 0);
  const src = new Int32Array(E), dst = new Int32Array(E), w = new Float32Array(E);
  const self = parts[0]?.self ? new Float32Array(parts.length * U) : null;
  let at = 0;
  parts.forEach((p, b) => {
    for (let i = 0; i < p.src.length; i++, at++) {
      src[at] = p.src[i] + b * U;
      dst[at] = p.dst[i] + b * U;
      w[at] = p.w[i];
    }
    if (self) self.set(p.self!, b * U);
  });
  return {
    n: parts.length * U,
    src: torch.tensor(src, { dtype: 'int64' }),
    dst: torch.tensor(dst, { dtype: 'int64' }),
    w: torch.tensor(w, { shape: [E, 1] }),
    self: self ? torch.tensor(self, { shape: [self.length, 1] }) : null,
  };
}

/** The node features and row positions of periods `ks`, with their propagations `parts`. */
export function nodeBatch(data: TabularData, user: Int32Array, periods: Periods, ks: number[], parts: Propagation[], U: number, scaler: EngineScaler): NodeBatch {
  const { f } = data;
  const n = ks.length * U;
  const raw = new Float32Array(n * f);
  const present = new Float32Array(n);
  let R = 0;
  for (const k of ks) R += periods.offset[k + 1] - periods.offset[k];
  const rows = new Int32Array(R), nodes = new Int32Array(R);
  let r = 0;
  ks.forEach((k, b) => {
    for (let j = periods.offset[k]; j < periods.offset[k + 1]; j++, r++) {
      const i = periods.rows[j];
      const node = b * U + user[i];
      raw.set(data.x.subarray(i * f, (i + 1) * f), node * f);
      present[node] = 1;
      rows[r] = i;
      nodes[r] = node;
    }
  });
  const mask = torch.tensor(present, { shape: [n, 1] });
  // Standardising maps an absent user's zeros to -mean/std; the mask puts them back to 0.
  const x = torch.cat([scaler.apply(raw, n).mul(mask), mask], 1);
  return { x, rows, rowNodes: torch.tensor(nodes, { dtype: 'int64' }), graph: graphBatch(parts, U) };
}

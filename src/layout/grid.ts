// The domain × feature grid: the original idea of laying a user-day's features out as an
// image whose rows are activity domains (logon, device, file, email, http, context) and
// whose columns are that domain's features in schema order. Rows are padded with zeros
// to the widest domain, so a convolution sees each domain's features side by side and
// the same column position across domains holds comparable slices where the schema
// lists them in the same order (time class, PC class).
import { DOMAINS, type Domain, type FeatureSchema } from '../data/cert/types.js';

export interface GridPlan {
  /** [channels, height, width] of one sample. */
  shape: [number, number, number];
  rows: Domain[];
  /** For each feature (schema order among the plan's inputs): its column name and cell. */
  cells: { name: string; row: number; col: number }[];
}

/**
 * Plans the grid for the schema's feature columns (keys and labels are not features).
 * Domains without any feature are left out rather than becoming all-zero rows.
 */
export function planGrid(schema: FeatureSchema, opts: { exclude?: (name: string) => boolean } = {}): GridPlan {
  const byDomain = new Map<Domain, string[]>();
  for (const c of schema.columns) {
    if (opts.exclude?.(c.name)) continue;
    const list = byDomain.get(c.domain) ?? [];
    list.push(c.name);
    byDomain.set(c.domain, list);
  }
  const rows = DOMAINS.filter((d) => (byDomain.get(d)?.length ?? 0) > 0);
  if (rows.length === 0) throw new Error('planGrid: the schema has no feature columns');
  const width = Math.max(...rows.map((d) => byDomain.get(d)!.length));
  const cells = rows.flatMap((d, row) => byDomain.get(d)!.map((name, col) => ({ name, row, col })));
  return { shape: [1, rows.length, width], rows, cells };
}

/**
 * Lays out `n` samples given as a row-major [n, features] array whose columns follow
 * `plan.cells` order, into a row-major [n, 1, H, W] array (empty cells are 0).
 */
export function applyGrid(plan: GridPlan, features: Float32Array, n: number): Float32Array {
  const f = plan.cells.length;
  if (features.length !== n * f) throw new Error(`applyGrid: expected ${n} × ${f} values, got ${features.length}`);
  const [, h, w] = plan.shape;
  const out = new Float32Array(n * h * w);
  const offsets = plan.cells.map((c) => c.row * w + c.col);
  for (let i = 0; i < n; i++) {
    const src = i * f, dst = i * h * w;
    for (let j = 0; j < f; j++) out[dst + offsets[j]] = features[src + j];
  }
  return out;
}

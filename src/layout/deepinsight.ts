// DeepInsight (Sharma et al. 2019): turn a feature vector into an image whose pixel
// neighbours are similar features. Features are the samples here: each is described by its
// values over (a subset of) the training rows, embedded in 2-D (UMAP, from the maintained
// umap-js package), the embedding rotated so that the minimum-area rectangle around its
// convex hull is axis-aligned, then scaled onto an H × W pixel grid. Features that land on
// one pixel are averaged, as in the paper.
import { UMAP } from 'umap-js';
import { Rng } from '../util/rng.js';

export interface DeepInsightSpec { kind: 'deepinsight'; height: number; width: number; cells: number[] }

type P = [number, number];
const cross = (o: P, a: P, b: P) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Andrew's monotone chain; returns the hull counter-clockwise. */
export function convexHull(points: P[]): P[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const lower: P[] = [], upper: P[] = [];
  for (const q of p) { while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop(); lower.push(q); }
  for (const q of p.reverse()) { while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop(); upper.push(q); }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** The rotation (radians) that makes the minimum-area bounding rectangle of `points` axis-aligned. */
export function minAreaRotation(points: P[]): number {
  const hull = convexHull(points);
  let best = 0, bestArea = Infinity;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i], b = hull[(i + 1) % hull.length];
    const theta = -Math.atan2(b[1] - a[1], b[0] - a[0]);
    const c = Math.cos(theta), s = Math.sin(theta);
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const [x, y] of hull) {
      const u = c * x - s * y, v = s * x + c * y;
      x0 = Math.min(x0, u); x1 = Math.max(x1, u); y0 = Math.min(y0, v); y1 = Math.max(y1, v);
    }
    const area = (x1 - x0) * (y1 - y0);
    if (area < bestArea - 1e-12) { bestArea = area; best = theta; }
  }
  return best;
}

/** Places 2-D points on an H × W grid after the rotation; returns a cell index per point. */
export function gridCells(points: P[], height: number, width: number): number[] {
  const theta = minAreaRotation(points);
  const c = Math.cos(theta), s = Math.sin(theta);
  const r = points.map(([x, y]) => [c * x - s * y, s * x + c * y] as P);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const [x, y] of r) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
  // The long side of the rectangle along the image's long side.
  const swap = (x1 - x0 < y1 - y0) !== (width < height);
  return r.map(([x, y]) => {
    const [u, v] = swap ? [y, x] : [x, y];
    const [u0, u1, v0, v1] = swap ? [y0, y1, x0, x1] : [x0, x1, y0, y1];
    const col = Math.round(((u - u0) / (u1 - u0 || 1)) * (width - 1));
    const row = Math.round(((v - v0) / (v1 - v0 || 1)) * (height - 1));
    return row * width + col;
  });
}

/**
 * Fits the pixel of every feature from the value channel of the base matrix (row-major,
 * `width` values per row, the first `f` being the normalised features) on training rows.
 */
export function fitDeepInsight(base: Float32Array, rowWidth: number, f: number, trainRows: Int32Array, o: { height?: number; width?: number; maxRows?: number; seed?: number } = {}): DeepInsightSpec {
  const height = o.height ?? 32, width = o.width ?? 32;
  const m = Math.min(trainRows.length, o.maxRows ?? 1500);
  const vectors = Array.from({ length: f }, () => new Array<number>(m));
  for (let k = 0; k < m; k++) {
    const i = trainRows[Math.floor((k * trainRows.length) / m)];
    for (let j = 0; j < f; j++) vectors[j][k] = base[i * rowWidth + j];
  }
  const rng = new Rng(o.seed ?? 1, 0xd1);
  const umap = new UMAP({ nComponents: 2, nNeighbors: Math.min(15, f - 1), minDist: 0.1, random: () => rng.float() });
  const emb = umap.fit(vectors) as P[];
  return { kind: 'deepinsight', height, width, cells: gridCells(emb, height, width) };
}

/** [f, H·W] averaging matrix: feature j contributes 1/(features on its pixel) to that pixel. */
export function deepInsightMatrix(spec: DeepInsightSpec, f: number): { weights: Float32Array; occupied: Float32Array } {
  const hw = spec.height * spec.width;
  const count = new Float32Array(hw);
  for (const c of spec.cells) count[c]++;
  const weights = new Float32Array(f * hw);
  spec.cells.forEach((c, j) => (weights[j * hw + c] = 1 / count[c]));
  return { weights, occupied: Float32Array.from(count, (n) => (n > 0 ? 1 : 0)) };
}

// Isolation forest (Liu, Ting & Zhou 2008): random axis-parallel splits isolate outliers
// in few steps. Each tree is grown on a small subsample to a height limit of
// ceil(log2 ψ); the score is 2^(-E[h(x)] / c(ψ)), where a leaf holding `size` rows adds
// c(size), the average path length of an unsuccessful BST search, for the part of the
// tree that was not grown. Trees live in flat typed arrays so scoring 300k rows is a
// tight loop.
import { Rng } from '../util/rng.js';
import { checkData, checkTrain, intParam, notFitted } from './check.js';
import type { Detector, FitOptions, TabularData } from './types.js';

const EULER = 0.5772156649015329;

/** c(n): the average path length of an unsuccessful search in a BST of n keys. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER) - (2 * (n - 1)) / n;
}

interface Tree {
  /** Split feature per node, -1 at a leaf. */
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  /** At a leaf: its depth plus c(rows in it), the whole path length of a row ending there. */
  leafPath: Float32Array;
}

export class IsolationForest implements Detector {
  readonly name = 'isolation_forest';
  readonly supervised = false;
  private trees: Tree[] = [];
  private f = 0;
  private psi = 0;
  private readonly nTrees: number;
  private readonly maxSamples: number;

  constructor(params: Record<string, unknown> = {}) {
    this.nTrees = intParam(this.name, params, 'trees', 100);
    this.maxSamples = intParam(this.name, params, 'maxSamples', 256, 2);
  }

  fit(train: TabularData, _labels?: Uint8Array, opts: FitOptions = {}): void {
    checkTrain(this.name, train, 2);
    const psi = Math.min(this.maxSamples, train.n);
    const heightLimit = Math.ceil(Math.log2(psi));
    const rng = new Rng(opts.seed ?? 0, 0x1f);
    const all = new Int32Array(train.n);
    this.trees = [];
    for (let t = 0; t < this.nTrees; t++) {
      // Partial Fisher-Yates: the first psi entries become a sample without replacement.
      for (let i = 0; i < train.n; i++) all[i] = i;
      for (let i = 0; i < psi; i++) {
        const j = i + rng.int(train.n - i);
        const tmp = all[i]; all[i] = all[j]; all[j] = tmp;
      }
      this.trees.push(grow(train, all.slice(0, psi), heightLimit, rng));
    }
    this.f = train.f;
    this.psi = psi;
  }

  score(data: TabularData): Float32Array {
    if (this.trees.length === 0) notFitted(this.name);
    checkData(this.name, data, this.f);
    const { x, n, f } = data;
    const sum = new Float64Array(n);
    for (const tree of this.trees) {
      const { feature, threshold, left, right, leafPath } = tree;
      for (let i = 0; i < n; i++) {
        const row = i * f;
        let node = 0;
        while (feature[node] >= 0) node = x[row + feature[node]] < threshold[node] ? left[node] : right[node];
        sum[i] += leafPath[node];
      }
    }
    const out = new Float32Array(n);
    const norm = averagePathLength(this.psi) * this.trees.length;
    for (let i = 0; i < n; i++) out[i] = Math.pow(2, -sum[i] / norm);
    return out;
  }
}

/** Grows one isolation tree on the rows `idx` (reordered in place while splitting). */
function grow(d: TabularData, idx: Int32Array, heightLimit: number, rng: Rng): Tree {
  const cap = 2 * idx.length;
  const feature = new Int32Array(cap).fill(-1), threshold = new Float32Array(cap);
  const left = new Int32Array(cap), right = new Int32Array(cap), leafPath = new Float32Array(cap);
  let nodes = 1;
  // Work stack of (node, start, end, depth): rows idx[start, end) reach node.
  const stack: number[] = [0, 0, idx.length, 0];
  const { x, f } = d;
  while (stack.length) {
    const depth = stack.pop()!, end = stack.pop()!, start = stack.pop()!, node = stack.pop()!;
    const size = end - start;
    let split = -1, lo = 0, hi = 0;
    if (depth < heightLimit && size > 1) {
      // The paper draws one attribute; one that is constant on these rows cannot split
      // them, so draw again (as scikit-learn does) and make a leaf only when all are.
      for (let k = 0; k < f && split < 0; k++) {
        const j = rng.int(f);
        lo = Infinity; hi = -Infinity;
        for (let r = start; r < end; r++) {
          const v = x[idx[r] * f + j];
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        if (hi > lo) split = j;
      }
    }
    if (split < 0) {
      leafPath[node] = depth + averagePathLength(size);
      continue;
    }
    // A float32 threshold in (lo, hi]; rows below it go left, so both sides are non-empty.
    let t = Math.fround(lo + rng.float() * (hi - lo));
    if (!(t > lo)) t = hi;
    let m = start;
    for (let r = start; r < end; r++) {
      if (x[idx[r] * f + split] < t) {
        const tmp = idx[r]; idx[r] = idx[m]; idx[m] = tmp;
        m++;
      }
    }
    feature[node] = split;
    threshold[node] = t;
    left[node] = nodes++;
    right[node] = nodes++;
    stack.push(left[node], start, m, depth + 1, right[node], m, end, depth + 1);
  }
  return { feature: feature.slice(0, nodes), threshold: threshold.slice(0, nodes), left: left.slice(0, nodes), right: right.slice(0, nodes), leafPath: leafPath.slice(0, nodes) };
}

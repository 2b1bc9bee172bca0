// How many paths of each length the unraveled view of a network has (Veit et al. §3).
// A block with a shortcut and m branches contributes the factor (1 + m·x): the path takes
// the shortcut (length +0) or one of the m branches (+1). A block without a shortcut (a
// plain block, a transition) must be passed through one of its branches: m·x. The counts
// are the coefficients of the product; n single-branch residual blocks give C(n, k).
import type { BlockBase } from '../models/index.js';

/** Coefficients of Π factors, each factor [c0, c1] = c0 + c1·x, exactly (BigInt). */
export function polynomialProduct(factors: [bigint, bigint][]): bigint[] {
  let p: bigint[] = [1n];
  for (const [c0, c1] of factors) {
    const q: bigint[] = Array(p.length + 1).fill(0n);
    p.forEach((a, i) => {
      q[i] += a * c0;
      q[i + 1] += a * c1;
    });
    p = q;
  }
  return p;
}

export interface BlockPaths { hasShortcut: boolean; numBranches: number }

/** counts[k] = number of paths through exactly k branches. */
export function pathCounts(blocks: readonly BlockPaths[]): bigint[] {
  return polynomialProduct(blocks.map((b) => [b.hasShortcut ? 1n : 0n, BigInt(Math.max(1, b.numBranches))]));
}

export const blockPaths = (b: BlockBase): BlockPaths => ({ hasShortcut: b.hasShortcut, numBranches: b.numBranches });

export function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/**
 * The shortest contiguous length range [lo, hi] whose weights hold at least `share` of the
 * total (ties: the one holding more).
 */
export function massRange(weights: readonly number[], share = 0.9): [number, number] {
  const total = weights.reduce((a, b) => a + b, 0);
  let best: [number, number] = [0, weights.length - 1];
  let bestMass = -1;
  for (let lo = 0; lo < weights.length; lo++) {
    let s = 0;
    for (let hi = lo; hi < weights.length; hi++) {
      s += weights[hi];
      if (s >= share * total - 1e-12 * total) {
        const w = hi - lo, bw = best[1] - best[0];
        if (w < bw || (w === bw && s > bestMass)) { best = [lo, hi]; bestMass = s; }
        break;
      }
    }
  }
  return best;
}

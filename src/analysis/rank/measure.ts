// How a matrix's rank is counted in the rank analysis: two counts from one SVD.
//
//   rank       singular values above rtol·σ₁ (default rtol 0.1). ReXNet (Han et al. 2021)
//              counted singular values above a threshold; directions that carry less than
//              a tenth of the largest one are not counted as capacity.
//   exactRank  libtorch's own default for linalg.matrix_rank: σ > σ₁·max(m, n)·ε of the
//              dtype, i.e. the algebraic rank up to float rounding.
//
// Both are needed: an elementwise nonlinearity of a rank-d matrix is generically of full
// exact rank, so only the thresholded count can tell nonlinearities apart, while the
// exact count is the one with known answers (rank(XW) = min(d_in, d_out)).
import * as torch from '../../torch/index.js';

export const DEFAULT_RTOL = 0.1;

/** Machine epsilon of the dtypes an SVD runs in. */
const EPS: Record<string, number> = { float32: 2 ** -23, float64: 2 ** -52 };

export interface RankCount {
  /** Singular values above rtol·σ₁. */
  rank: number;
  /** Singular values above σ₁·max(m, n)·ε (libtorch's default tolerance). */
  exactRank: number;
  /** min(m, n): the most either count can be. */
  maxRank: number;
}

/** The two counts from the singular values (any order) of an m × n matrix computed in `dtype`. */
export function countRank(sv: ArrayLike<number>, m: number, n: number, rtol: number, dtype = 'float32'): RankCount {
  const eps = EPS[dtype];
  if (eps === undefined) throw new Error(`countRank: singular values in ${dtype}; expected float32 or float64`);
  let top = 0;
  for (let i = 0; i < sv.length; i++) top = Math.max(top, sv[i]);
  let rank = 0, exactRank = 0;
  // A zero matrix has rank 0 under both rules (a tolerance of 0 would count nothing anyway).
  if (top > 0) {
    const exactTol = top * Math.max(m, n) * eps;
    for (let i = 0; i < sv.length; i++) {
      if (sv[i] > rtol * top) rank++;
      if (sv[i] > exactTol) exactRank++;
    }
  }
  return { rank, exactRank, maxRank: Math.min(m, n) };
}

/** Both rank counts of a 2-D tensor; integer and half tensors are measured in float32. */
export function matrixRankCounts(a: torch.Tensor, rtol = DEFAULT_RTOL): RankCount {
  if (a.dim() !== 2) throw new Error(`matrixRankCounts: expected a matrix, got shape [${a.shape.join(', ')}]`);
  if (!(rtol >= 0 && rtol < 1)) throw new Error(`matrixRankCounts: rtol must be in [0, 1), got ${rtol}`);
  const [m, n] = a.shape;
  if (m === 0 || n === 0) return { rank: 0, exactRank: 0, maxRank: 0 };
  return torch.tidy(() => {
    const x = a.dtype === 'float64' || a.dtype === 'float32' ? a : a.float();
    const s = torch.svdvals(x);
    const sv = (s.device === 'cpu' ? s : s.cpu()).dataSync() as Float32Array | Float64Array;
    return countRank(sv, m, n, rtol, x.dtype);
  });
}

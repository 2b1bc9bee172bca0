// RESLAB_THREADS: how many threads reslab's own native work uses (libtorch's intra-op
// pool, XGBoost, the DuckDB connections that read and write runs); every core when unset.
import { availableParallelism } from 'node:os';

export function reslabThreads(): number {
  const t = Number(process.env.RESLAB_THREADS ?? '');
  return Number.isInteger(t) && t > 0 ? t : availableParallelism();
}

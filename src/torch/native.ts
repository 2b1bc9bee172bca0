// Loads the libtorch addon once. Everything above this file talks to libtorch through
// `N`, typed by the interface generated from the op table (native/ops/), so a misspelt
// op or a wrong argument count is a type error.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { NativeAddon } from './native-ops.gen.js';
import { reslabThreads } from '../util/threads.js';

/** An opaque reference to a native tensor. */
export type Handle = object & { readonly __handle: unique symbol };
/** An XGBoost booster or DMatrix (native/src/xgboost.cc). */
export type XgbHandle = object;
export type { NativeAddon };

// OpenBLAS (used by libtorch for small matmuls) starts its own thread pool, which fights
// libtorch's OpenMP pool on 2 cores; it reads this variable when the library is loaded.
process.env.OPENBLAS_NUM_THREADS ??= '1';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const addonPath = join(root, 'native', 'build', 'Release', 'reslab_native.node');
if (!existsSync(addonPath)) {
  throw new Error(`reslab's libtorch addon is not built (${addonPath} is missing): run 'npm run build'`);
}

export const N = createRequire(import.meta.url)(addonPath) as NativeAddon;

// libtorch starts with one intra-op thread in an embedding process.
N.setNumThreads(reslabThreads());

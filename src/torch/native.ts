// Loads the libtorch addon once. Everything above this file talks to libtorch through
// `N`; nothing else touches the addon.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** An opaque reference to a native tensor. */
export type Handle = object & { readonly __handle: unique symbol };

// OpenBLAS (used by libtorch for small matmuls) starts its own thread pool, which fights
// libtorch's OpenMP pool on 2 cores; it reads this variable when the library is loaded.
process.env.OPENBLAS_NUM_THREADS ??= '1';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const addonPath = join(root, 'native', 'build', 'Release', 'reslab_native.node');
if (!existsSync(addonPath)) {
  throw new Error(`reslab's libtorch addon is not built (${addonPath} is missing): run 'npm run build'`);
}

// The addon's functions are typed loosely here; src/torch/* gives them real types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const N: Record<string, (...args: any[]) => any> = createRequire(import.meta.url)(addonPath);

// libtorch starts with one intra-op thread in an embedding process; use every core unless told.
const envThreads = Number(process.env.RESLAB_THREADS ?? '');
N.setNumThreads(Number.isInteger(envThreads) && envThreads > 0 ? envThreads : availableParallelism());

// Process-wide engine settings: seeding, threads, devices, live-tensor count.
import { N } from './native.js';

/** Seeds libtorch's generator: same seed, same random tensors. */
export function manualSeed(seed: number): void { N.manualSeed(seed); }
export function setNumThreads(n: number): void { N.setNumThreads(n); }
export function getNumThreads(): number { return N.getNumThreads(); }
export function cudaIsAvailable(): boolean { return N.cudaAvailable(); }
/** libtorch's build configuration (BLAS, oneDNN, OpenMP, CUDA). */
export function configInfo(): string { return N.configInfo(); }

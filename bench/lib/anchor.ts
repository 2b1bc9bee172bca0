// Runs a Python anchor script with Debian's python3-torch and returns its JSON result.
// The anchor gets the settings reslab applies to itself, each of which also makes
// PyTorch faster here (measured): OPENBLAS_NUM_THREADS=1, glibc malloc keeping blocks up
// to 32 MB in the heap (reslab's addon calls mallopt with these values; Python gets them
// through glibc's environment tunables), and an explicit intra-op thread count.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's interpreter: the one that has python3-torch (a pyenv python3 on PATH may not). */
export const DEBIAN_PYTHON = process.env.RESLAB_PYTHON ?? '/usr/bin/python3';

export function runPythonAnchor<T>(script: string, spec: unknown, extraEnv: Record<string, string> = {}, timeoutMs = 30 * 60_000): T {
  if (!existsSync(DEBIAN_PYTHON)) throw new Error(`anchor interpreter ${DEBIAN_PYTHON} not found (set RESLAB_PYTHON)`);
  return runForJson<T>(DEBIAN_PYTHON, [script, JSON.stringify(spec)], {
    OPENBLAS_NUM_THREADS: '1',
    MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? String(32 << 20),
    MALLOC_TRIM_THRESHOLD_: process.env.MALLOC_TRIM_THRESHOLD_ ?? String(1 << 30),
    ...extraEnv,
  }, timeoutMs);
}

/**
 * Runs a TypeScript bench script in a child Node process, so that environment settings
 * read when libraries load (OpenBLAS, libgomp) apply to it; returns its last JSON line.
 */
export function runNodeChild<T>(script: string, args: string[], extraEnv: Record<string, string> = {}, timeoutMs = 30 * 60_000): T {
  return runForJson<T>(process.execPath, ['--import', 'tsx', script, ...args], extraEnv, timeoutMs);
}

/** Runs a command with extra environment and parses the last line of its stdout as JSON. */
function runForJson<T>(command: string, args: string[], extraEnv: Record<string, string>, timeoutMs: number): T {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20, env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) {
    throw new Error(`${[command, ...args].join(' ').slice(0, 300)} failed (status ${r.status}${r.signal ? `, ${r.signal}` : ''}):\n${r.stderr}`);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as T;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// Atomic file output: write to a temp file beside the target, then rename over it, so an
// interrupted job leaves the previous output intact.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/** A temp path in the same directory as `target` (rename is only atomic within one filesystem). */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
}

export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempPathFor(target);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Runs `produce(tmp)` which must create the file at `tmp`; on success renames it to
 * `target`, on failure removes the temp file and rethrows.
 */
export async function produceAtomic<T>(target: string, produce: (tmp: string) => Promise<T> | T): Promise<T> {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempPathFor(target);
  try {
    const r = await produce(tmp);
    renameSync(tmp, target);
    return r;
  } catch (e) {
    rmSync(tmp, { force: true, recursive: true });
    throw e;
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the pid exists but belongs to someone else, so it is not ours to clean.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files and folders (spill directories included) in `dir` that a killed
 * run left behind: names starting with `prefix` that carry `.tmp-PID` for a process that no
 * longer exists. A run killed by SIGKILL or a power cut never reaches its cleanup, and a
 * spill folder can hold gigabytes. Returns the names removed.
 */
export function removeStaleTemps(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/\.tmp-(\d+)/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** removeStaleTemps for the temp paths tempPathFor(target) gives. */
export function removeStaleTempsFor(target: string): string[] {
  return removeStaleTemps(dirname(target), `.${basename(target)}.tmp-`);
}

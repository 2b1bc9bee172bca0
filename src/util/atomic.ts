// Atomic file output: write to a temp file beside the target, then rename over it, so an
// interrupted job leaves the previous output intact.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

// A suite's worlds on disk: each generated once into CACHE/<key>/ and reused, and its
// features extracted once beside it. A world directory only ever appears complete: it
// is generated under a private temp name and renamed into place, so a killed run or a
// second process generating the same world never leaves a half-written one behind.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFeatures } from '../data/cert/index.js';
import type { FeatureSummary, Granularity } from '../data/cert/index.js';
import { generate } from '../data/synth/index.js';
import { removeStaleTemps, tempPathFor } from '../util/atomic.js';
import { generateOptions, normalize, worldKey, type WorldDef } from './suite.js';

/** Written last into a world directory: the key and the normalised definition. */
export const WORLD_FILE = 'WORLD.json';

export interface WorldOptions {
  quiet?: boolean;
  /** Generator threads (the bytes do not depend on it). */
  workers?: number;
}

function complete(dir: string, key: string): boolean {
  try {
    return JSON.parse(readFileSync(join(dir, WORLD_FILE), 'utf8')).key === key;
  } catch {
    return false;
  }
}

/** The world's directory under cacheRoot, generated first unless a complete copy is there. */
export async function ensureWorld(def: WorldDef, cacheRoot: string, o: WorldOptions = {}): Promise<string> {
  const key = worldKey(def);
  const dir = join(cacheRoot, key);
  if (complete(dir, key)) return dir;
  mkdirSync(cacheRoot, { recursive: true });
  // Temp directories of killed runs (ours, and generate()'s own partial ones inside them).
  removeStaleTemps(cacheRoot, `.${key}.tmp-`);
  removeStaleTemps(cacheRoot, `..${key}.tmp-`);
  const tmp = tempPathFor(dir);
  try {
    await generate({ ...generateOptions(def, tmp), quiet: o.quiet ?? true, workers: o.workers });
    writeFileSync(join(tmp, WORLD_FILE), JSON.stringify({ key, definition: normalize(def) }, null, 2) + '\n');
    if (existsSync(dir) && !complete(dir, key)) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // Another process finished the same world first: theirs is as good as ours.
      if (!complete(dir, key)) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

/** Path of the world's feature table at a granularity. */
export function featuresPath(worldDir: string, granularity: Granularity = 'day'): string {
  return join(worldDir, `features-${granularity}.parquet`);
}

/**
 * The world's feature table, extracted on first use (extractFeatures writes it
 * atomically). Returns its path, and the extraction summary when it ran now.
 */
export async function ensureFeatures(
  worldDir: string,
  o: { granularity?: Granularity; threads?: number; quiet?: boolean } = {},
): Promise<{ path: string; summary: FeatureSummary | null }> {
  const path = featuresPath(worldDir, o.granularity);
  if (existsSync(path)) return { path, summary: null };
  const summary = await extractFeatures({ data: worldDir, granularity: o.granularity ?? 'day', out: path, threads: o.threads ?? 2, quiet: o.quiet ?? true });
  return { path, summary };
}

// A suite's worlds on disk: each generated once into CACHE/<key>/ and reused, and its
// features extracted once beside it. A world directory only ever appears complete: it
// is generated under a private temp name and renamed into place, so a killed run or a
// second process generating the same world never leaves a half-written one behind.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractFeatures, FEATURES_VERSION } from '../data/cert/index.js';
import { edgesPathFor } from '../data/cert/edges.js';
import type { FeatureSummary, Granularity } from '../data/cert/index.js';
import { generate } from '../data/synth/index.js';
import { removeStaleTemps, tempPathFor } from '../util/atomic.js';
import { generateOptions, normalize, worldKey, type ReleaseWorldDef, type WorldDef } from './suite.js';

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

/** Path of the world's feature table at a granularity (the extractor's version in the name: a new one extracts again). */
export function featuresPath(worldDir: string, granularity: Granularity = 'day'): string {
  return join(worldDir, `features-${granularity}-v${FEATURES_VERSION}.parquet`);
}

/**
 * The world's feature table, extracted on first use (extractFeatures writes it
 * atomically). Returns its path, and the extraction summary when it ran now.
 */
export async function ensureFeatures(
  worldDir: string,
  o: { granularity?: Granularity; threads?: number; quiet?: boolean; data?: string; edges?: boolean } = {},
): Promise<{ path: string; summary: FeatureSummary | null }> {
  const path = featuresPath(worldDir, o.granularity);
  if (existsSync(path) && (!o.edges || existsSync(edgesPathFor(path)))) return { path, summary: null };
  const summary = await extractFeatures({ data: o.data ?? worldDir, granularity: o.granularity ?? 'day', out: path, threads: o.threads ?? 2, quiet: o.quiet ?? true, edges: o.edges });
  return { path, summary };
}

/**
 * A release directory's fingerprint: its path and every file's size and mtime (logs, LDAP
 * snapshots, psychometric.csv, answers). Features of a changed release are extracted again.
 */
function releaseKey(dir: string): string {
  const h = createHash('sha256').update(resolve(dir));
  const visit = (d: string, depth: number) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory() && depth < 3) visit(p, depth + 1);
      else if (e.isFile()) { const st = statSync(p); h.update(`${p}\0${st.size}\0${st.mtimeMs}\n`); }
    }
  };
  visit(dir, 0);
  return 'r-' + h.digest('hex').slice(0, 16);
}

export interface WorldFeatures {
  /** The day feature table. */
  features: string;
  /** Changes whenever the features could: world definition or release files, and the extractor's version. */
  key: string;
}

/**
 * A contest world's day features: a generated world is generated (or reused) under the
 * cache and extracted beside it; a release directory is extracted into the cache (never
 * written to), keyed on its files.
 */
export async function ensureWorldFeatures(def: WorldDef | ReleaseWorldDef, cacheRoot: string, o: WorldOptions & { log?: (s: string) => void; edges?: boolean } = {}): Promise<WorldFeatures> {
  const log = o.log ?? (() => {});
  if ('data' in def) {
    const key = releaseKey(def.data);
    const dir = join(cacheRoot, key);
    mkdirSync(dir, { recursive: true });
    const f = await ensureFeatures(dir, { data: def.data, quiet: o.quiet, edges: o.edges });
    if (f.summary) log(`${def.name}: extracted ${f.summary.rows} user-days from ${def.data} in ${f.summary.seconds.toFixed(1)} s`);
    return { features: f.path, key: `${key}-f${FEATURES_VERSION}` };
  }
  const key = worldKey(def);
  const had = existsSync(join(cacheRoot, key, WORLD_FILE));
  const dir = await ensureWorld(def, cacheRoot, o);
  const f = await ensureFeatures(dir, { quiet: o.quiet, edges: o.edges });
  if (!had || f.summary) log(`${def.name}: ${had ? 'reused' : 'generated'} ${key}${f.summary ? `, extracted ${f.summary.rows} user-days in ${f.summary.seconds.toFixed(1)} s` : ''}`);
  return { features: f.path, key: `${key}-f${FEATURES_VERSION}` };
}

/** One line on what a world is. */
export function worldDescription(def: WorldDef | ReleaseWorldDef): string {
  if ('data' in def) return `CERT release directory ${def.data}${def.note ? ` (${def.note})` : ''}`;
  const n = normalize(def);
  const knobs = [n.lookalikes ? `${n.lookalikes} look-alikes` : '', n.drift ? `drift ${n.drift}` : '', n.sparse ? `sparse logging ${n.sparse}` : '', n.layoffCap < 1 ? `lay-off cap ${n.layoffCap}` : ''].filter(Boolean);
  return `generated ${n.release}, ${n.users} users × ${n.days} days, ${n.insiders} insiders of scenario(s) ${n.scenarios.join(', ')} at intensity ${n.intensity}${knobs.length ? `; ${knobs.join(', ')}` : ''}${def.note ? ` (${def.note})` : ''}`;
}

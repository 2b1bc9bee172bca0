// config.json, layout.json and metrics.jsonl: read with messages that name the file and say
// what wrote it, written atomically.
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic.js';
import type { PrepareState } from '../layout/prepare.js';
import type { LayoutSpec } from '../layout/layout.js';
import type { EpochRecord } from '../train/trainer.js';
import { CONFIG, LAYOUT, METRICS, runFile } from './files.js';

export function readJson<T>(path: string, hint = "is this a run directory written by 'reslab train'?"): T {
  if (!existsSync(path)) throw new Error(`${path}: not found; ${hint}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

export const hasConfig = (run: string) => existsSync(runFile(run, CONFIG));

export function readConfig<T>(run: string, hint?: string): T {
  return readJson<T>(runFile(run, CONFIG), hint);
}

export function writeConfig(run: string, config: object): void {
  writeFileAtomic(runFile(run, CONFIG), JSON.stringify(config, null, 2) + '\n');
}

export interface LayoutFile { prepare: PrepareState; layout: LayoutSpec }

export function writeLayout(run: string, prepare: PrepareState, layout: LayoutSpec): void {
  writeFileAtomic(runFile(run, LAYOUT), JSON.stringify({ prepare, layout } satisfies LayoutFile) + '\n');
}

export function readLayout(run: string): LayoutFile {
  return readJson<LayoutFile>(runFile(run, LAYOUT), "the fitted layout; is this a detection run written by 'reslab train'?");
}

/** metrics.jsonl's records, [] when there is none yet. */
export function readMetrics(run: string): EpochRecord[] {
  const p = runFile(run, METRICS);
  if (!existsSync(p)) return [];
  return readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as EpochRecord);
}

export function writeMetrics(run: string, records: EpochRecord[]): void {
  writeFileAtomic(runFile(run, METRICS), records.map((x) => JSON.stringify(x)).join('\n') + '\n');
}

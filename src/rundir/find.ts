// Every result.json at or below some paths: what `reslab compare`, comparison.md and the
// benches aggregate.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RESULT } from './files.js';
import { readJson } from './json.js';
import type { ResultFile } from './types.js';

/** The figures of one result.json that a comparison needs, and where it came from. */
export type FoundResult = Pick<ResultFile, 'name' | 'method' | 'test' | 'macs' | 'params' | 'trainSeconds' | 'scoreSeconds' | 'epochSeconds'> & { path: string; seed?: number };

/** Every result.json at or below these paths (a run directory, a directory of them, or a result file). */
export function findResults(paths: string[]): FoundResult[] {
  const out: FoundResult[] = [];
  const visit = (p: string) => {
    if (!existsSync(p)) throw new Error(`${p}: not found`);
    if (statSync(p).isFile()) { if (p.endsWith('.json')) out.push(readResultFile(p)); return; }
    const here = join(p, RESULT);
    if (existsSync(here)) { out.push(readResultFile(here)); return; }
    for (const e of readdirSync(p).sort()) if (statSync(join(p, e)).isDirectory()) visit(join(p, e));
  };
  paths.forEach(visit);
  if (out.length === 0) throw new Error(`no ${RESULT} under ${paths.join(', ')}`);
  return out;
}

export function readResultFile(path: string): FoundResult {
  const j = readJson<Partial<ResultFile>>(path);
  const test = j.test;
  if (!test || typeof test.rocAuc !== 'number' || typeof test.averagePrecision !== 'number') throw new Error(`${path}: field 'test' needs rocAuc and averagePrecision (written by reslab train or reslab baselines)`);
  const name = String(j.name ?? path);
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return { path, name, method: String(j.method ?? name), seed: num(j.seed), test, macs: num(j.macs), params: num(j.params), trainSeconds: num(j.trainSeconds), scoreSeconds: num(j.scoreSeconds), epochSeconds: num(j.epochSeconds) };
}

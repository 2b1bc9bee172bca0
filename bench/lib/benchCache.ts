// The r4.2-profile dataset shared by the benches: generated once into .cache/bench/r4.2/
// with a .complete.json marker holding the options and summary, and regenerated only when
// the marker is missing or was made with other options. Only benches use it, so it lives
// in bench/, not in src/.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, GENERATOR_VERSION, PROFILES, type GenerateOptions, type GenerateSummary } from '../../src/data/synth/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_DIR = join(ROOT, '.cache', 'bench', 'r4.2');
export const BENCH_SEED = 42;
const MARKER = '.complete.json';

export interface BenchMarker {
  version: number;
  options: Omit<GenerateOptions, 'out' | 'quiet' | 'workers' | 'onProgress'>;
  summary: GenerateSummary;
}

export function benchOptions(): BenchMarker['options'] {
  return { ...PROFILES['r4.2'], seed: BENCH_SEED };
}

export function readBenchMarker(dir = BENCH_DIR): BenchMarker | null {
  const p = join(dir, MARKER);
  if (!existsSync(p)) return null;
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as BenchMarker;
  } catch {
    return null;
  }
}

function sameOptions(m: BenchMarker | null): boolean {
  return m !== null && m.version === GENERATOR_VERSION && JSON.stringify(m.options) === JSON.stringify(benchOptions());
}

/**
 * Returns the bench dataset's directory, generating it first when needed (or when
 * `force` is set). The summary of the run that made it is in the marker.
 */
export async function ensureBenchDataset(o: { force?: boolean; quiet?: boolean; workers?: number } = {}): Promise<string> {
  if (!o.force && sameOptions(readBenchMarker())) return BENCH_DIR;
  const options = benchOptions();
  const summary = await generate({ ...options, out: BENCH_DIR, quiet: o.quiet, workers: o.workers });
  const marker: BenchMarker = { version: GENERATOR_VERSION, options, summary };
  writeFileSync(join(BENCH_DIR, MARKER), JSON.stringify(marker, null, 2) + '\n');
  return BENCH_DIR;
}

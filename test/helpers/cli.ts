// The `reslab` command as a test runs it (a child process through bin/reslab.js), and the
// tiny generated release with day features that the CLI tests train on.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';

export function reslab(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['bin/reslab.js', ...args], { encoding: 'utf8', timeout: 300_000 });
}

/** The JSON a successful `--json` command printed last. */
export function json(r: SpawnSyncReturns<string>) {
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

export interface TinyRelease { users?: number; days?: number; insiders?: number; scenarios?: string }

/** Generates a tiny r5.2 release under DIR/data and extracts its day features; returns the features' path. */
export function tinyReleaseFeatures(dir: string, o: TinyRelease = {}): string {
  json(reslab('generate', '--out', join(dir, 'data'), '--release', 'r5.2', '--users', String(o.users ?? 30), '--days', String(o.days ?? 42),
    '--insiders', String(o.insiders ?? 6), '--scenarios', o.scenarios ?? '1,2,3,4,5', '--intensity', '2', '--quiet', '--json'));
  const features = join(dir, 'day.parquet');
  json(reslab('features', '--data', join(dir, 'data'), '--granularity', 'day', '--out', features, '--quiet', '--json'));
  return features;
}

// A stage cache for multi-step jobs (the demo): a stage whose key (its config, seed and
// the keys of the stages it reads) and outputs are unchanged since it last finished is
// not run again; any change to the key redoes it, and everything keyed on it after.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';

export interface StageRecord<T> { key: string; result: T; seconds: number }

export class StageCache {
  constructor(private readonly dir: string) {}

  private path(name: string): string { return join(this.dir, '.stages', `${name}.json`); }

  /** The stage's key as stored (for downstream keys), after it ran or was reused. */
  async run<T>(name: string, key: unknown, outputs: string[], work: () => Promise<T>): Promise<{ result: T; cached: boolean; seconds: number; key: string }> {
    const k = JSON.stringify(key);
    const p = this.path(name);
    if (existsSync(p) && outputs.every((o) => existsSync(o))) {
      try {
        const rec = JSON.parse(readFileSync(p, 'utf8')) as StageRecord<T>;
        if (rec.key === k) return { result: rec.result, cached: true, seconds: rec.seconds, key: k };
      } catch { /* unreadable record: run the stage again */ }
    }
    const t0 = performance.now();
    const result = await work();
    const seconds = (performance.now() - t0) / 1000;
    writeFileAtomic(p, JSON.stringify({ key: k, result, seconds } satisfies StageRecord<T>) + '\n');
    return { result, cached: false, seconds, key: k };
  }
}

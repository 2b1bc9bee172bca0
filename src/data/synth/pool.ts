// Runs the days either in this thread or on worker threads, and delivers the results
// strictly in day order. At most a fixed window of days is in flight, which bounds
// memory whatever the length of the run.
import { Worker } from 'node:worker_threads';
import { DayGen, type DayResult } from './day.js';
import type { GenerateOptions } from './types.js';
import type { World } from './world.js';

/** Workers need the TypeScript loader when this module runs from source through tsx. */
function spawn(opts: GenerateOptions): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const api = import.meta.resolve('tsx/esm/api');
    const target = new URL('./worker.ts', here).href;
    const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
    return new Worker(boot, { eval: true, workerData: opts });
  }
  return new Worker(new URL('./worker.js', here), { workerData: opts });
}

export async function runDays(world: World, opts: GenerateOptions, workers: number, onDay: (r: DayResult) => void): Promise<void> {
  const total = world.cal.length;
  if (workers <= 0) {
    const gen = new DayGen(world);
    for (let d = 0; d < total; d++) {
      onDay(gen.run(d));
      // Yield now and then so progress output and signals get through.
      if ((d & 7) === 7) await new Promise((r) => setImmediate(r));
    }
    return;
  }
  const { onProgress: _drop, ...plain } = opts;
  const pool = Array.from({ length: workers }, () => spawn(plain));
  const window = workers * 3;
  let next = 0;
  let written = 0;
  const pending = new Map<number, DayResult>();
  const idle: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = () => {
        while (idle.length > 0 && next < total && next - written < window) idle.pop()!.postMessage({ day: next++ });
      };
      for (const w of pool) {
        w.on('message', (r: DayResult) => {
          pending.set(r.day, r);
          try {
            for (let p = pending.get(written); p; p = pending.get(written)) {
              pending.delete(written);
              written++;
              onDay(p);
            }
          } catch (e) {
            reject(e);
            return;
          }
          idle.push(w);
          feed();
          if (written === total) resolve();
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (written < total) reject(new Error(`generator worker exited with code ${code}`));
        });
        idle.push(w);
      }
      if (total === 0) resolve();
      feed();
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

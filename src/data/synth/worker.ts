// Worker thread: rebuilds the same world from the options, then generates the days it
// is sent and hands each day's buffers back without copying.
import { parentPort, workerData } from 'node:worker_threads';
import { DayGen } from './day.js';
import type { GenerateOptions } from './types.js';
import { buildWorld } from './world.js';

const gen = new DayGen(buildWorld(workerData as GenerateOptions));
parentPort!.on('message', (msg: { day: number }) => {
  const r = gen.run(msg.day);
  parentPort!.postMessage(r, r.bufs.map((b) => b.buffer as ArrayBuffer));
});

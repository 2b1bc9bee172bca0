// Generates the r4.2-profile dataset (1,000 users, 500 days, 70 insiders) into
// .cache/bench/r4.2/, then prints the speed and each file's rows next to the real
// r4.2 release's, both as counts and as shares of all events (the per-domain mix).
// Ends stdout with one JSON line of the figures.
import { availableParallelism } from 'node:os';
import { ensureBenchDataset, readBenchMarker } from './lib/benchCache.js';
import { REAL_R42_EVENTS, REAL_R42_ROWS } from '../src/data/synth/real.js';

const workersArg = process.argv.indexOf('--workers');
const workers = workersArg > 0 ? Number(process.argv[workersArg + 1]) : undefined;
const t0 = performance.now();
const dir = await ensureBenchDataset({ force: true, workers });
const wall = (performance.now() - t0) / 1000;
const s = readBenchMarker(dir)!.summary;

const files = Object.keys(REAL_R42_ROWS);
const rows = files.map((f) => {
  const ours = s.rows[f]!;
  const real = REAL_R42_ROWS[f]!;
  const mixOurs = ours / s.events;
  const mixReal = real / REAL_R42_EVENTS;
  return { file: f, rows: ours, real, ratio: ours / real, mix: mixOurs, mixReal, mixRatio: mixOurs / mixReal };
});
const pct = (x: number) => (100 * x).toFixed(2).padStart(6) + '%';
const num = (x: number) => x.toLocaleString('en-US').padStart(12);
console.log(`\nr4.2 profile: ${s.users} users, ${s.days} days from ${s.start}, ${s.insiders.length} insiders, seed ${s.seed}`);
console.log(`generated ${s.events.toLocaleString('en-US')} events, ${(s.bytes / 2 ** 30).toFixed(2)} GiB in ${s.seconds.toFixed(1)} s with ${s.workers} workers (${availableParallelism()} cores): ${Math.round(s.eventsPerSecond).toLocaleString('en-US')} events/s\n`);
console.log(`${'file'.padEnd(12)} ${'rows'.padStart(12)} ${'real r4.2'.padStart(12)}  ratio   ${'mix'.padStart(7)} ${'real mix'.padStart(8)}  mix ratio`);
for (const r of rows) {
  const ok = r.mixRatio <= 2 && r.mixRatio >= 0.5 ? '' : '  OUTSIDE 2x';
  console.log(`${r.file.padEnd(12)} ${num(r.rows)} ${num(r.real)}  ${r.ratio.toFixed(2).padStart(5)}  ${pct(r.mix)} ${pct(r.mixReal)}  ${r.mixRatio.toFixed(2).padStart(8)}${ok}`);
}
console.log(`${'total'.padEnd(12)} ${num(s.events)} ${num(REAL_R42_EVENTS)}  ${(s.events / REAL_R42_EVENTS).toFixed(2).padStart(5)}`);
const mixWithin2x = rows.every((r) => r.mixRatio <= 2 && r.mixRatio >= 0.5);
console.log(`\nper-domain mix within 2x of r4.2 for every file: ${mixWithin2x ? 'yes' : 'NO'}`);
console.log(
  JSON.stringify({
    bench: 'generate',
    profile: 'r4.2',
    events: s.events,
    seconds: +s.seconds.toFixed(2),
    wallSeconds: +wall.toFixed(2),
    eventsPerSecond: Math.round(s.eventsPerSecond),
    bytes: s.bytes,
    workers: s.workers,
    cores: availableParallelism(),
    rows: Object.fromEntries(rows.map((r) => [r.file, r.rows])),
    ratios: Object.fromEntries(rows.map((r) => [r.file, +r.ratio.toFixed(3)])),
    mixRatios: Object.fromEntries(rows.map((r) => [r.file, +r.mixRatio.toFixed(3)])),
    mixWithin2x,
    insiders: s.insiders.length,
  }),
);

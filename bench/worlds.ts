// Generates (or reuses) every world of a contest suite and extracts its day features,
// timing both, and prints per world the planned le2020 test insiders (seeds 1-5).
//   npm run bench:worlds -- quick|default|FILE [--cache DIR] [--fresh]
// --fresh uses a new empty cache, so the times are those of a first run. Ends stdout with
// one JSON line of the figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { plannedSplit } from '../src/contest/check.js';
import { loadSuite, worldKey } from '../src/contest/suite.js';
import { ensureFeatures, ensureWorld } from '../src/contest/world.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const fresh = args.includes('--fresh');
const suite = loadSuite(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--cache') ?? 'quick');
const cache = fresh ? mkdtempSync(join(tmpdir(), 'reslab-worlds-')) : resolve(flag('--cache') ?? '.cache/contest/worlds');

console.log(`suite ${suite.name}: ${suite.worlds.length} worlds, cache ${cache}`);
const rows = [];
const t0 = performance.now();
for (const w of suite.worlds) {
  const a = performance.now();
  const dir = await ensureWorld(w, cache);
  const b = performance.now();
  const f = await ensureFeatures(dir);
  const c = performance.now();
  const plan = plannedSplit(w);
  const row = {
    world: w.name,
    key: worldKey(w),
    release: w.release,
    users: w.users,
    days: w.days,
    insiders: plan.insiders,
    testInsidersMin: Math.min(...plan.testInsiders),
    generateSeconds: (b - a) / 1000,
    featureSeconds: (c - b) / 1000,
    featureRows: f.summary?.rows ?? null,
    insiderUsers: f.summary?.insiderUsers ?? null,
  };
  rows.push(row);
  console.log(
    `${w.name.padEnd(20)} ${w.release} ${String(w.users).padStart(5)} users ${String(w.days).padStart(4)} days  ${row.insiders} insiders (le2020 test ≥ ${row.testInsidersMin})  ` +
      `generate ${row.generateSeconds.toFixed(1).padStart(6)} s  features ${row.featureSeconds.toFixed(1).padStart(6)} s`,
  );
}
const total = (performance.now() - t0) / 1000;
console.log(`total ${total.toFixed(1)} s`);
if (fresh) rmSync(cache, { recursive: true, force: true });
console.log(JSON.stringify({ suite: suite.name, totalSeconds: total, worlds: rows }));

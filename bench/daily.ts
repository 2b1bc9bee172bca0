// bench:daily — what a security team's morning costs: scoring one new day of a 1,000-user
// organisation with a trained run (`reslab score --data --state`). The world is the
// default contest suite's s3-r52-big (r5.2, 1,000 users × 181 days, 2.7 GB of logs),
// reused from the contest's world cache; the run is the headline recipe trained on it
// (or --run). The logs are cut before their last day; the first morning reads the cut
// release whole (the anchor: a whole extraction, what every morning cost before the state
// kept its marks); then the last day's lines are appended, as the logging would, and the
// second morning reads only them. Target: the second morning under 10 s.
//
//   npm run bench:daily [-- --world s3-r52-big --worlds DIR --out DIR --run RUN_DIR]
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync, symlinkSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadSuite } from '../src/contest/suite.js';
import { ensureWorld, ensureWorldFeatures } from '../src/contest/world.js';
import { headlineRecipe } from '../src/contest/methods.js';
import { LOGS, logFileName, LDAP_DIR, PSYCHOMETRIC_FILE, ANSWERS_DIR } from '../src/data/format/index.js';
import { scoreNewDays } from '../src/train/daily.js';

const { values: a } = parseArgs({ options: {
  world: { type: 'string', default: 's3-r52-big' }, worlds: { type: 'string', default: '.cache/contest/worlds' },
  out: { type: 'string', default: '.cache/bench/daily' }, run: { type: 'string' },
} });
const def = loadSuite('default').worlds.find((w) => w.name === a.world);
if (!def) throw new Error(`no world '${a.world}' in the default suite`);
const out = resolve(a.out!);
mkdirSync(out, { recursive: true });
const { features } = await ensureWorldFeatures(def, resolve(a.worlds!), { log: console.log });
const world = await ensureWorld(def, resolve(a.worlds!));

let run = a.run ? resolve(a.run) : join(out, `run-${headlineRecipe()}`);
if (!a.run && !existsSync(join(run, 'result.json'))) {
  console.log(`training ${headlineRecipe()} on ${a.world} …`);
  execFileSync(process.execPath, [join(dirname(new URL(import.meta.url).pathname), '..', 'bin', 'reslab.js'), 'train', '--features', features, '--recipe', 'best', '--split', 'le2020', '--seed', '1', '--out', run, '--quiet'], { stdio: 'inherit' });
}
run = resolve(run);

// The byte offset of the first line dated `day` (the logs are in time order; the date is the second field).
const mdyDay = (line: string) => { const m = /^[^,]*,(\d\d)\/(\d\d)\/(\d{4})/.exec(line); return m ? `${m[3]}-${m[1]}-${m[2]}` : null; };
function firstOffsetOf(path: string, day: string): number {
  const mdy = `${day.slice(5, 7)}/${day.slice(8, 10)}/${day.slice(0, 4)}`;
  const hit = execFileSync('grep', ['-b', '-m1', '-E', `^[^,]*,${mdy.replaceAll('/', '\\/')} `, path], { encoding: 'utf8' });
  return Number(hit.split(':')[0]);
}
function lastLineOf(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size, buf = Buffer.alloc(Math.min(size, 64 * 1024));
    readSync(fd, buf, 0, buf.length, size - buf.length);
    return buf.toString('utf8').trimEnd().split('\n').at(-1)!;
  } finally {
    closeSync(fd);
  }
}
function copyRange(src: string, dst: string, from: number, to: number, flag: 'w' | 'a'): void {
  const i = openSync(src, 'r'), o = openSync(dst, flag);
  try {
    const buf = Buffer.alloc(8 * 1024 * 1024);
    for (let at = from; at < to;) { const n = readSync(i, buf, 0, Math.min(buf.length, to - at), at); writeSync(o, buf.subarray(0, n)); at += n; }
  } finally {
    closeSync(i); closeSync(o);
  }
}

const lastDay = mdyDay(lastLineOf(join(world, logFileName('logon'))))!;
const logs = join(out, 'logs'), state = join(out, 'state');
rmSync(logs, { recursive: true, force: true });
rmSync(state, { recursive: true, force: true });
mkdirSync(logs, { recursive: true });
for (const f of [LDAP_DIR, PSYCHOMETRIC_FILE, ANSWERS_DIR]) if (existsSync(join(world, f))) symlinkSync(join(world, f), join(logs, f));
const cut = Object.fromEntries(LOGS.map((l) => [l, firstOffsetOf(join(world, logFileName(l)), lastDay)]));
for (const l of LOGS) copyRange(join(world, logFileName(l)), join(logs, logFileName(l)), 0, cut[l]!, 'w');
const total = LOGS.reduce((s, l) => s + statSync(join(world, logFileName(l))).size, 0);
console.log(`${a.world}: logs cut before ${lastDay} (${(total / 1e9).toFixed(2)} GB whole); run ${run}`);

const first = await scoreNewDays({ run, data: logs, state, top: 10 });
console.log(`first morning (the anchor: the whole release read): ${first.days.length} days, ${first.rows} user-days, ${first.seconds.total.toFixed(1)} s (features ${first.seconds.features.toFixed(1)} s, scoring ${first.seconds.scoring.toFixed(1)} s)`);
for (const l of LOGS) copyRange(join(world, logFileName(l)), join(logs, logFileName(l)), cut[l]!, statSync(join(world, logFileName(l))).size, 'a');
const next = await scoreNewDays({ run, data: logs, state, top: 10 });
console.log(`next morning (${next.days.join(', ')}): ${next.rows} user-days, read ${(next.bytesRead / 1e6).toFixed(1)} MB of logs and ${next.pastRows} earlier user-days, ${next.seconds.total.toFixed(1)} s (features ${next.seconds.features.toFixed(1)} s, scoring ${next.seconds.scoring.toFixed(1)} s); target < 10 s: ${next.seconds.total < 10 ? 'met' : 'not met'}`);
console.log(`ratio next / first morning: ${(next.seconds.total / first.seconds.total).toFixed(3)}`);
console.log(JSON.stringify({ bench: 'daily', world: a.world, lastDay, first: first.seconds, next: next.seconds, nextRows: next.rows, bytesRead: next.bytesRead, pastRows: next.pastRows, ratio: next.seconds.total / first.seconds.total }));

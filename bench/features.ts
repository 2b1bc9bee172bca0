// Feature extraction speed: `reslab features --granularity day` on the r4.2-profile
// dataset (generated once into .cache/bench/r4.2/), then the anchor — Le et al.'s
// feature_extraction.py (pandas + joblib) — and reslab on the same slice of the first
// weeks, with speedup = anchor time / reslab time. Ends stdout with one JSON line.
// The whole-profile run happens in a child process (bench/lib/extractOnce.ts) so that its
// peak RSS, CPU time and per-stage seconds are its own; the load average is printed
// beside them, since on a shared machine wall time says little without it.
//
// The anchor is not part of reslab: fetch it into RESLAB_ANCHOR_DIR (default
// /tmp/reslab-anchor). It is run on a private copy in which only two constants change:
// its hard-coded week count (73 for r4.2) becomes the slice's, and its output modes
// are limited to 'day', so both sides do the same work.
//
// Memory must not grow with the release: the same extraction then runs on a release with
// RESLAB_BENCH_SCALE× the users (default 4: 4,000 users, r6.2's scale, ~130 M events,
// ~23 GB, generated once into .cache/bench/r4.2x4/), and the bench prints both peak RSS
// figures and their ratio. RESLAB_BENCH_SCALE=0 skips it.
//
// env: RESLAB_ANCHOR_DIR, RESLAB_BENCH_SLICE_WEEKS (weeks after week 0, default 2; the
// anchor needs weeks 1 and 2), RESLAB_ANCHOR_TIMEOUT (s, default 1800),
// RESLAB_BENCH_THREADS (default 2), RESLAB_BENCH_MEMORY (default 2GB),
// RESLAB_BENCH_SCALE (default 4). The child inherits the environment, so glibc malloc
// settings (MALLOC_MMAP_THRESHOLD_, MALLOC_ARENA_MAX …) can be compared by setting them
// for the bench.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { copyFileSync, cpSync, createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { extractFeatures, type FeatureSummary } from '../src/data/cert/index.js';
import { ANSWERS_DIR, LDAP_DIR, LOGS, logFileName, PSYCHOMETRIC_FILE } from '../src/data/format/index.js';
import { generate, GENERATOR_VERSION } from '../src/data/synth/index.js';
import { benchOptions, ensureBenchDataset } from './lib/benchCache.js';
import { DEBIAN_PYTHON } from './lib/anchor.js';

const ROOT = resolve(import.meta.dirname, '..');
const CACHE = join(ROOT, '.cache', 'bench');
const ANCHOR_DIR = process.env.RESLAB_ANCHOR_DIR ?? '/tmp/reslab-anchor';
const WEEKS = Number(process.env.RESLAB_BENCH_SLICE_WEEKS ?? 2);
const ANCHOR_TIMEOUT = Number(process.env.RESLAB_ANCHOR_TIMEOUT ?? 1800);
const THREADS = Number(process.env.RESLAB_BENCH_THREADS ?? 2);
const MEMORY = process.env.RESLAB_BENCH_MEMORY ?? '2GB';
const SCALE = Number(process.env.RESLAB_BENCH_SCALE ?? 4);
/** The issue's target for the whole r4.2 profile on 2 cores. */
const TARGET_SECONDS = 60;

const total = (s: FeatureSummary) => Object.values(s.events).reduce((a, b) => a + b, 0);

/** MM/DD/YYYY at the start of a CERT date field → a sortable YYYYMMDD number. */
function dayNumber(line: string): number {
  const i = line.indexOf(',');
  const d = line.slice(i + 1, i + 11);
  return Number(d.slice(6, 10) + d.slice(0, 2) + d.slice(3, 5));
}

/** Copies the lines dated before `cutoff` (YYYYMMDD), streaming; the logs are in date order. */
async function sliceFile(src: string, dst: string, cutoff: number): Promise<number> {
  const rl = createInterface({ input: createReadStream(src), crlfDelay: Infinity });
  const out = createWriteStream(dst);
  let n = -1;
  for await (const line of rl) {
    if (n >= 0 && dayNumber(line) >= cutoff) break;
    if (!out.write(line + '\n')) await once(out, 'drain');
    n++;
  }
  rl.close();
  out.end();
  await once(out, 'finish');
  return n;
}

/** The slice: weeks 0..WEEKS (weeks start on the Sunday before the first event), in a directory named r4.2. */
async function ensureSlice(full: string): Promise<string> {
  const dir = join(CACHE, `slice-${WEEKS}w`, 'r4.2');
  const marker = join(dir, '..', '.complete.json');
  if (existsSync(marker)) return dir;
  rmSync(join(dir, '..'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const first = readFileSync(join(full, logFileName('logon')), 'utf8').slice(0, 4096).split('\n')[1]!;
  const [m, d, y] = first.split(',')[1]!.slice(0, 10).split('/').map(Number);
  const start = new Date(Date.UTC(y!, m! - 1, d!));
  const end = new Date(start.getTime() + (7 * (WEEKS + 1) - start.getUTCDay()) * 86400_000);
  const cutoff = Number(end.toISOString().slice(0, 10).replace(/-/g, ''));
  const rows: Record<string, number> = {};
  for (const f of LOGS) rows[f] = await sliceFile(join(full, logFileName(f)), join(dir, logFileName(f)), cutoff);
  cpSync(join(full, LDAP_DIR), join(dir, LDAP_DIR), { recursive: true });
  cpSync(join(full, ANSWERS_DIR), join(dir, ANSWERS_DIR), { recursive: true });
  if (existsSync(join(full, PSYCHOMETRIC_FILE))) copyFileSync(join(full, PSYCHOMETRIC_FILE), join(dir, PSYCHOMETRIC_FILE));
  writeFileSync(marker, JSON.stringify({ weeks: WEEKS, cutoff, rows }) + '\n');
  return dir;
}

/** Runs the anchor on the slice in a fresh directory of links; returns its wall time or why not. */
function runAnchor(slice: string): { seconds: number | null; note: string } {
  const script = join(ANCHOR_DIR, 'feature_extraction.py');
  if (!existsSync(script)) return { seconds: null, note: `anchor not found at ${script}: fetch lcd-dal/feature-extraction-for-CERT-insider-threat-test-datasets and put feature_extraction.py there (or set RESLAB_ANCHOR_DIR)` };
  const probe = spawnSync(DEBIAN_PYTHON, ['-c', 'import pandas, joblib'], { encoding: 'utf8' });
  if (probe.status !== 0) return { seconds: null, note: `${DEBIAN_PYTHON} lacks pandas/joblib (apt install python3-pandas python3-joblib)` };
  const run = join(CACHE, 'anchor-run', 'r4.2');
  rmSync(join(run, '..'), { recursive: true, force: true });
  mkdirSync(run, { recursive: true });
  for (const f of [...LOGS.map(logFileName), PSYCHOMETRIC_FILE, LDAP_DIR, ANSWERS_DIR]) {
    if (existsSync(join(slice, f))) symlinkSync(join(slice, f), join(run, f));
  }
  const src = readFileSync(script, 'utf8');
  const patched = src
    .replace(/numWeek = 73 if/, `numWeek = ${WEEKS + 1} if`)
    .replace(/for mode in \['week','day','session'\]:/, "for mode in ['day']:");
  if (patched === src || !patched.includes(`numWeek = ${WEEKS + 1} if`) || !patched.includes("for mode in ['day']:")) {
    return { seconds: null, note: 'anchor script differs from the expected version (numWeek / mode loop not found)' };
  }
  writeFileSync(join(run, 'feature_extraction.py'), patched);
  const t0 = performance.now();
  const r = spawnSync(DEBIAN_PYTHON, ['feature_extraction.py', String(THREADS)], {
    cwd: run,
    encoding: 'utf8',
    timeout: ANCHOR_TIMEOUT * 1000,
    maxBuffer: 64 << 20,
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', PYTHONWARNINGS: 'ignore' },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error || r.status !== 0) return { seconds: null, note: `anchor failed after ${seconds.toFixed(0)} s (${r.signal ?? r.status}): ${(r.stderr ?? '').split('\n').slice(-4).join(' | ')}` };
  process.stdout.write(r.stdout.split('\n').filter((l) => l.startsWith('Step') || l.startsWith('Extracted')).map((l) => `  anchor: ${l}\n`).join(''));
  rmSync(join(run, '..'), { recursive: true, force: true });
  return { seconds, note: `feature_extraction.py, ${THREADS} joblib workers, pandas from Debian, day mode only` };
}

/**
 * The r4.2 profile with SCALE× the users and insiders, generated once into
 * .cache/bench/r4.2x<SCALE>/ (regenerated when its marker names other options).
 */
async function ensureScaledDataset(): Promise<string> {
  const base = benchOptions();
  const options = { ...base, users: base.users * SCALE, insiders: base.insiders * SCALE };
  const dir = join(CACHE, `r4.2x${SCALE}`);
  const marker = join(dir, '.complete.json');
  if (existsSync(marker)) {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { version: number; options: unknown };
    if (m.version === GENERATOR_VERSION && JSON.stringify(m.options) === JSON.stringify(options)) return dir;
  }
  console.log(`generating the ${SCALE}× release (${options.users} users, ${options.days} days) into ${dir} …`);
  const summary = await generate({ ...options, out: dir, quiet: !process.stderr.isTTY });
  writeFileSync(marker, JSON.stringify({ version: GENERATOR_VERSION, options, summary }, null, 2) + '\n');
  return dir;
}

interface ChildRun {
  summary: FeatureSummary;
  stageSeconds: Record<string, number>;
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
  maxRssMB: number;
}

/** The whole-profile extraction in a child process (see the header); mode as extractOnce.ts's. */
function spawnExtraction(data: string, out: string, mode = 'fresh') {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'lib', 'extractOnce.ts'), data, out, 'day', String(THREADS), MEMORY, mode], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function extractInChild(data: string, out: string, mode = 'fresh'): ChildRun {
  const r = spawnExtraction(data, out, mode);
  if (r.status !== 0) throw new Error(`extraction child failed (${r.signal ?? r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildRun;
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

async function extract(data: string, out: string): Promise<FeatureSummary> {
  return extractFeatures({ data, granularity: 'day', out, threads: THREADS, memoryLimit: MEMORY, quiet: !process.stderr.isTTY });
}

const full = await ensureBenchDataset({ quiet: !process.stderr.isTTY });
const outDir = join(CACHE, 'features');
mkdirSync(outDir, { recursive: true });

console.log(`\nreslab features --granularity day, ${THREADS} threads, memory limit ${MEMORY}`);
const loadBefore = load();
const child = extractInChild(full, join(outDir, 'r4.2-day.parquet'));
const loadAfter = load();
const whole = child.summary;
const events = total(whole);
console.log(`whole r4.2 profile: ${events.toLocaleString('en-US')} events → ${whole.rows.toLocaleString('en-US')} user-days × ${whole.features} features in ${whole.seconds.toFixed(1)} s (${Math.round(whole.eventsPerSecond).toLocaleString('en-US')} events/s)`);
console.log(`  cpu ${child.cpuUserSeconds} s user + ${child.cpuSystemSeconds} s system, peak RSS ${child.maxRssMB} MB; load average ${loadBefore} before, ${loadAfter} after`);
console.log(`  seconds per stage: ${Object.entries(child.stageSeconds).map(([k, v]) => `${k} ${v}`).join(', ')}`);

// The resume path: a run killed (SIGKILL) once its last scan stage is saved, then rerun.
const resumeOut = join(outDir, 'r4.2-day-resume.parquet');
const killed = spawnExtraction(full, resumeOut, `kill-after:${LOGS[LOGS.length - 1]}`);
if (killed.signal !== 'SIGKILL') throw new Error(`the run to be killed ended with ${killed.signal ?? killed.status}`);
const resumed = extractInChild(full, resumeOut, 'resume');
for (const f of [resumeOut, resumeOut.replace(/\.parquet$/, '.schema.json')]) rmSync(f, { force: true });
const resumedSame = resumed.summary.rows === whole.rows && resumed.summary.features === whole.features;
console.log(`resume after a SIGKILL at the end of the ${LOGS[LOGS.length - 1]} stage: restored ${resumed.summary.reusedStages.join(', ')}; ${resumed.summary.seconds.toFixed(1)} s against ${whole.seconds.toFixed(1)} s fresh, peak RSS ${resumed.maxRssMB} MB; ${resumed.summary.rows.toLocaleString('en-US')} rows × ${resumed.summary.features} (${resumedSame ? 'same shape as the fresh run' : 'DIFFERS from the fresh run'})`);
if (!resumedSame) process.exitCode = 1;

let scaled: (ChildRun & { events: number; loadBefore: string; loadAfter: string }) | null = null;
if (SCALE > 1) {
  const data = await ensureScaledDataset();
  const lb = load();
  // Its output is only measured: it goes to the scratch folder and is removed afterwards.
  const out = join(outDir, `r4.2x${SCALE}-day.parquet`);
  const run = extractInChild(data, out);
  for (const f of [out, out.replace(/\.parquet$/, '.schema.json')]) rmSync(f, { force: true });
  scaled = { ...run, events: total(run.summary), loadBefore: lb, loadAfter: load() };
  const w = scaled.summary;
  console.log(`${SCALE}× release: ${scaled.events.toLocaleString('en-US')} events → ${w.rows.toLocaleString('en-US')} user-days in ${w.seconds.toFixed(1)} s`);
  console.log(`  cpu ${scaled.cpuUserSeconds} s user + ${scaled.cpuSystemSeconds} s system, peak RSS ${scaled.maxRssMB} MB (${(scaled.maxRssMB / child.maxRssMB).toFixed(2)}× the r4.2 profile's ${child.maxRssMB} MB); load average ${scaled.loadBefore} before, ${scaled.loadAfter} after`);
  console.log(`  seconds per stage: ${Object.entries(scaled.stageSeconds).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

const slice = await ensureSlice(full);
// The slice run is short, so the median of three keeps one noisy run from setting the ratio.
const parts: FeatureSummary[] = [];
for (let i = 0; i < 3; i++) parts.push(await extract(slice, join(outDir, `slice-${WEEKS}w-day.parquet`)));
const part = [...parts].sort((a, b) => a.seconds - b.seconds)[1]!;
const sliceEvents = total(part);
console.log(`slice (weeks 0–${WEEKS}): ${sliceEvents.toLocaleString('en-US')} events, reslab ${part.seconds.toFixed(2)} s (median of ${parts.map((p) => p.seconds.toFixed(2)).join(', ')})`);
const anchor = runAnchor(slice);
const speedup = anchor.seconds !== null ? anchor.seconds / part.seconds : null;
console.log(anchor.seconds !== null ? `slice: anchor ${anchor.seconds.toFixed(1)} s (${Math.round(sliceEvents / anchor.seconds)} events/s) — ${anchor.note}` : `slice: anchor not run — ${anchor.note}`);
console.log(`\n${'run'.padEnd(28)} ${'events'.padStart(12)} ${'seconds'.padStart(9)} ${'events/s'.padStart(12)}`);
const line = (name: string, n: number, s: number) => console.log(`${name.padEnd(28)} ${n.toLocaleString('en-US').padStart(12)} ${s.toFixed(2).padStart(9)} ${Math.round(n / s).toLocaleString('en-US').padStart(12)}`);
line('reslab, whole r4.2 profile', events, whole.seconds);
line(`reslab, slice ${WEEKS + 1} weeks (median)`, sliceEvents, part.seconds);
if (anchor.seconds !== null) line(`anchor, slice ${WEEKS + 1} weeks`, sliceEvents, anchor.seconds);
if (scaled) line(`reslab, ${SCALE}× release`, scaled.events, scaled.summary.seconds);
console.log(`\npeak RSS: r4.2 profile ${child.maxRssMB} MB${scaled ? `, ${SCALE}× release ${scaled.maxRssMB} MB` : ''} (DuckDB memory limit ${MEMORY})`);
console.log(`whole run ≤ ${TARGET_SECONDS} s: ${whole.seconds <= TARGET_SECONDS ? 'yes' : 'NO'} (cpu ${(child.cpuUserSeconds + child.cpuSystemSeconds).toFixed(0)} s on ${THREADS} threads; wall time depends on the load); speedup = anchor / reslab on the slice: ${speedup !== null ? speedup.toFixed(0) + '×' : 'n/a'}${speedup !== null ? (speedup >= 100 ? ' (≥ 100×)' : ' (BELOW 100×)') : ''}`);
console.log(
  JSON.stringify({
    bench: 'features',
    granularity: 'day',
    threads: THREADS,
    events,
    rows: whole.rows,
    features: whole.features,
    wallSeconds: +whole.seconds.toFixed(2),
    cpuUserSeconds: child.cpuUserSeconds,
    cpuSystemSeconds: child.cpuSystemSeconds,
    maxRssMB: child.maxRssMB,
    stageSeconds: child.stageSeconds,
    loadAverage: { before: loadBefore, after: loadAfter },
    eventsPerSecond: Math.round(whole.eventsPerSecond),
    sliceWeeks: WEEKS + 1,
    sliceEvents,
    sliceReslabSeconds: +part.seconds.toFixed(3),
    sliceAnchorSeconds: anchor.seconds !== null ? +anchor.seconds.toFixed(1) : null,
    speedup: speedup !== null ? +speedup.toFixed(1) : null,
    resumeRestoredStages: resumed.summary.reusedStages,
    resumeSeconds: +resumed.summary.seconds.toFixed(2),
    resumeMaxRssMB: resumed.maxRssMB,
    scale: scaled ? SCALE : null,
    scaledEvents: scaled?.events ?? null,
    scaledRows: scaled?.summary.rows ?? null,
    scaledWallSeconds: scaled ? +scaled.summary.seconds.toFixed(2) : null,
    scaledCpuUserSeconds: scaled?.cpuUserSeconds ?? null,
    scaledCpuSystemSeconds: scaled?.cpuSystemSeconds ?? null,
    scaledMaxRssMB: scaled?.maxRssMB ?? null,
    scaledLoadAverage: scaled ? { before: scaled.loadBefore, after: scaled.loadAfter } : null,
    wallWithinTarget: whole.seconds <= TARGET_SECONDS,
    targetSeconds: TARGET_SECONDS,
    speedupAtLeast100: speedup !== null ? speedup >= 100 : null,
  }),
);

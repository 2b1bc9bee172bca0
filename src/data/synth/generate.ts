// Orchestrates one run: builds the world, generates the days (in this thread or on
// workers) into a temporary directory next to the target, writes LDAP, psychometric,
// answers and the manifest, then swaps the directory into place, so an interrupted run
// never leaves a half-written release where a complete one used to be.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { progress } from '../../util/progress.js';
import { Answers } from './answers.js';
import { LogFiles } from './output.js';
import { runDays } from './pool.js';
import { ANSWERS_DIR, INSIDERS_FILE, LDAP_DIR, logFileName, PSYCHOMETRIC_FILE } from '../format/index.js';
import { knobOptions, worldNotes } from './notes.js';
import { LOGS } from './schema.js';
import { ldapSnapshots, psychometric, type TextFile } from './static.js';
import type { GenerateOptions, GenerateSummary } from './types.js';
import { validateOptions } from './validate.js';
import { buildWorld } from './world.js';

/** Bumped whenever the same options would give different bytes. */
export const GENERATOR_VERSION = 1;
export const MANIFEST = 'GENERATED.json';

/** Below this many user-days, starting threads costs more than it saves. */
const THREAD_THRESHOLD = 20_000;

export function defaultWorkers(opts: GenerateOptions): number {
  if (opts.workers !== undefined) return opts.workers;
  return opts.users * opts.days < THREAD_THRESHOLD ? 0 : Math.min(availableParallelism(), 4);
}

/** Refuses to replace a directory that is neither empty nor an earlier generator output. */
function checkTarget(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new Error(`${out}: exists and is not a directory`);
  const entries = readdirSync(out);
  if (entries.length > 0 && !entries.includes(MANIFEST)) {
    throw new Error(`${out}: not empty and not a generated dataset (no ${MANIFEST}); refusing to replace it`);
  }
}

function writeText(dir: string, f: TextFile): number {
  const p = join(dir, f.path);
  mkdirSync(dirname(p), { recursive: true });
  const buf = Buffer.from(f.text, 'latin1');
  writeFileSync(p, buf);
  return buf.length;
}

export async function generate(opts: GenerateOptions): Promise<GenerateSummary> {
  validateOptions(opts);
  const t0 = performance.now();
  const out = resolve(opts.out);
  checkTarget(out);
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true });
  // Leftovers of interrupted runs into the same target.
  const stem = `.${basename(out)}.partial-`;
  for (const e of readdirSync(parent)) if (e.startsWith(stem)) rmSync(join(parent, e), { recursive: true, force: true });
  const tmp = join(parent, `${stem}${process.pid}`);
  mkdirSync(tmp);

  try {
    const world = buildWorld(opts);
    const workers = defaultWorkers(opts);
    const total = world.cal.length;
    const bar = progress({ title: 'generate', total, unit: 'days', quiet: opts.quiet });
    const logs = new LogFiles(tmp, opts.release);
    const answers = new Answers(world);
    let done = 0;
    try {
      await runDays(world, opts, workers, (r) => {
        logs.append(r);
        answers.add(r.tagged);
        done++;
        bar.update(done, world.cal.stamp(r.day, 0).slice(0, 10));
        opts.onProgress?.(done, total);
      });
    } finally {
      logs.close();
      bar.stop();
    }

    const rows: Record<string, number> = {};
    LOGS.forEach((l, i) => (rows[logFileName(l)] = logs.rows[i]!));
    let bytes = logs.bytes;
    const psy = psychometric(world);
    bytes += writeText(tmp, psy);
    rows[PSYCHOMETRIC_FILE] = psy.rows;
    let ldapRows = 0;
    for (const f of ldapSnapshots(world)) {
      bytes += writeText(tmp, f);
      ldapRows += f.rows;
    }
    rows[LDAP_DIR] = ldapRows;
    const ans = answers.render();
    for (const f of ans.files) bytes += writeText(tmp, f);
    rows[`${ANSWERS_DIR}/${INSIDERS_FILE}`] = world.plans.length;

    const events = logs.rows.reduce((a, b) => a + b, 0);
    const seconds = (performance.now() - t0) / 1000;
    const summary: GenerateSummary = {
      out,
      release: opts.release,
      users: opts.users,
      days: opts.days,
      seed: opts.seed,
      start: opts.start,
      rows,
      events,
      insiders: ans.insiders,
      seconds,
      eventsPerSecond: events / Math.max(seconds, 1e-9),
      dirty: { missingLogons: logs.missingLogons, unclosedConnects: logs.unclosedConnects },
      bytes,
      workers,
    };
    const notes = worldNotes(world, opts);
    if (notes) summary.world = notes;
    // The manifest holds only what the options determine, so it is byte-identical too.
    const manifest = {
      generator: 'reslab synth',
      version: GENERATOR_VERSION,
      options: { release: opts.release, users: opts.users, start: opts.start, days: opts.days, insiders: opts.insiders, scenarios: opts.scenarios, seed: opts.seed, intensity: opts.intensity ?? 1, ...knobOptions(opts) },
      rows,
      dirty: summary.dirty,
      insiders: ans.insiders,
      ...(notes ? { world: notes } : {}),
    };
    writeFileSync(join(tmp, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');

    if (existsSync(out)) {
      const old = join(parent, `${stem}${process.pid}-old`);
      renameSync(out, old);
      renameSync(tmp, out);
      rmSync(old, { recursive: true, force: true });
    } else renameSync(tmp, out);
    return summary;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

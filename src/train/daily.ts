// Daily scoring: a security team's morning job. Each call reads the logs as they stand
// (the release directory, grown by the new day's lines), extracts day features (causal:
// a day's row never changes when later days arrive, test/cert/causal.test.ts), scores the
// user-days after the last one scored with a trained run, and appends them to the state's
// alerts, with per-domain reasons for the top k of each day. The state keeps the feature
// table, which is the per-user history the run's deviation and history inputs read.
//
// The state changes only when everything succeeded: a day already scored that comes again,
// or logs of a scored day that changed afterwards (lines arriving late), are refused with a
// message naming the day, and the state stays as it was.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractFeatures } from '../data/cert/index.js';
import { dayToIso, loadFeatureMatrix } from '../data/cert/matrix.js';
import { schemaPathFor } from '../data/cert/schema.js';
import { Duck } from '../data/cert/duck.js';
import { lit } from '../data/cert/sql.js';
import { loadRun } from '../rundir/index.js';
import { writeFileAtomic, produceAtomic } from '../util/atomic.js';
import { bindSaved } from './data.js';
import { domainContributions, topDomainsText } from './explain.js';
import { rowScores } from './modes.js';
import { ensembleScores } from './score.js';

export interface DailyState {
  run: string;
  /** The last day scored, YYYY-MM-DD. */
  lastDay: string;
  /** Feature rows per scored day: a change means logs of that day arrived after it was scored. */
  rowsPerDay: Record<string, number>;
}

export interface DailySummary {
  state: string;
  /** Days scored by this call. */
  days: string[];
  rows: number;
  alerts: string;
  top: { day: string; user: string; score: number; rank: number; reasons: string }[];
  seconds: { features: number; scoring: number };
}

export class DailyScoreError extends Error {}

const STATE = 'state.json', FEATURES = 'features.parquet', ALERTS = 'alerts.parquet', ALERTS_CSV = 'alerts.csv';

function readState(dir: string): DailyState | null {
  const p = join(dir, STATE);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as DailyState) : null;
}


/** Scores the days of `data` after the state's last one; see the file's header. */
export async function scoreNewDays(o: { run: string; data: string; state: string; top?: number; quiet?: boolean }): Promise<DailySummary> {
  const top = o.top ?? 20;
  const dir = resolve(o.state);
  mkdirSync(dir, { recursive: true });
  const prev = readState(dir);
  const run = loadRun(resolve(o.run));
  if (prev && prev.run !== resolve(o.run)) throw new DailyScoreError(`${join(dir, STATE)}: this state belongs to the run ${prev.run}, not ${resolve(o.run)}; use another --state`);

  // The features as the logs stand now, beside the state's until they are checked.
  const t0 = performance.now();
  const fresh = join(dir, 'features.next.parquet');
  await extractFeatures({ data: o.data, granularity: 'day', out: fresh, quiet: o.quiet ?? true });
  const t1 = performance.now();
  const matrix = await loadFeatureMatrix(fresh);
  const perDay = new Map<string, number>();
  for (let i = 0; i < matrix.n; i++) { const d = dayToIso(matrix.time[i]!); perDay.set(d, (perDay.get(d) ?? 0) + 1); }
  const drop = () => { rmSync(fresh, { force: true }); rmSync(schemaPathFor(fresh), { force: true }); };
  if (prev) {
    for (const [day, n] of Object.entries(prev.rowsPerDay)) {
      if ((perDay.get(day) ?? 0) !== n) { drop(); throw new DailyScoreError(`${o.data}: the logs of ${day}, already scored, changed (${n} user-days then, ${perDay.get(day) ?? 0} now): lines that arrive late or repeat a scored day are not scored; nothing changed`); }
    }
  }
  const days = [...perDay.keys()].filter((d) => !prev || d > prev.lastDay).sort();
  if (days.length === 0) { drop(); throw new DailyScoreError(`${o.data}: no day after ${prev!.lastDay}, the last one scored; nothing changed`); }
  const newDays = new Set(days);

  // Scores of the new days' rows, with the history before them in the same matrix.
  const rows = Int32Array.from([...Array(matrix.n).keys()].filter((i) => newDays.has(dayToIso(matrix.time[i]!))));
  let layout;
  try {
    layout = bindSaved(matrix, run.prep, run.layout);
  } catch (e) {
    drop();
    throw new DailyScoreError(`${o.data}: ${(e as Error).message}`);
  }
  const mode = run.config.mode ?? 'supervised';
  const scores = ensembleScores(run.models, mode, layout, rows);
  // Rank within each day; the top k of each day get reasons.
  const byDay = new Map<string, number[]>();
  rows.forEach((r, k) => { const d = dayToIso(matrix.time[r]!); byDay.set(d, [...(byDay.get(d) ?? []), k]); });
  const rank = new Int32Array(rows.length);
  const explained: number[] = [];
  for (const ks of byDay.values()) {
    ks.sort((a, b) => scores[b]! - scores[a]! || a - b).forEach((k, i) => { rank[k] = i + 1; if (i < top) explained.push(k); });
  }
  const contrib = domainContributions(run.models[0]!, layout, Int32Array.from(explained, (k) => rows[k]!), (m, x, r) => rowScores(mode, m, x, () => layout.base(r)));
  const reasons = new Map(explained.map((k, i) => [k, topDomainsText(contrib[i]!)]));
  layout.dispose();
  for (const m of run.models) m.dispose();
  const t2 = performance.now();

  // alerts.parquet and alerts.csv: the earlier ones and today's, each written atomically; then the state.
  const lines = ['user,day,score,rank,reasons', ...Array.from(rows, (r, k) => `${matrix.users[matrix.user[r]!]},${dayToIso(matrix.time[r]!)},${scores[k]},${rank[k]},"${reasons.get(k) ?? ''}"`)];
  const csvPath = join(dir, ALERTS_CSV), parquet = join(dir, ALERTS);
  const previousCsv = existsSync(csvPath) ? readFileSync(csvPath, 'utf8').trimEnd().split('\n').slice(1) : [];
  const csv = [lines[0]!, ...previousCsv, ...lines.slice(1)].join('\n') + '\n';
  const stagedCsv = join(dir, 'alerts.next.csv');
  writeFileAtomic(stagedCsv, csv);
  const duck = await Duck.open({ threads: 1, memoryLimit: '512MB', tempDir: join(dir, '.duck') });
  try {
    await produceAtomic(parquet, async (tmp) => {
      await duck.copyToParquet(`SELECT "user", CAST("day" AS DATE) AS "day", CAST(score AS DOUBLE) AS score, CAST(rank AS INTEGER) AS rank, reasons
        FROM read_csv(${lit(stagedCsv)}, header = true, all_varchar = true, quote = '"') ORDER BY "day", rank`, tmp);
    });
  } finally {
    duck.close();
  }
  renameSync(stagedCsv, csvPath);
  renameSync(fresh, join(dir, FEATURES));
  renameSync(schemaPathFor(fresh), schemaPathFor(join(dir, FEATURES)));
  const state: DailyState = { run: resolve(o.run), lastDay: days.at(-1)!, rowsPerDay: { ...(prev?.rowsPerDay ?? {}), ...Object.fromEntries(days.map((d) => [d, perDay.get(d)!])) } };
  writeFileAtomic(join(dir, STATE), JSON.stringify(state, null, 2) + '\n');
  const topRows = explained.filter((k) => rank[k]! <= 3).map((k) => ({ day: dayToIso(matrix.time[rows[k]!]!), user: matrix.users[matrix.user[rows[k]!]!]!, score: scores[k]!, rank: rank[k]!, reasons: reasons.get(k) ?? '' }));
  return { state: dir, days, rows: rows.length, alerts: parquet, top: topRows.sort((a, b) => a.day.localeCompare(b.day) || a.rank - b.rank), seconds: { features: (t1 - t0) / 1000, scoring: (t2 - t1) / 1000 } };
}


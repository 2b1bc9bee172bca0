// Daily scoring: a security team's morning job. The logs directory only grows (each
// morning appends yesterday's lines). The first call extracts day features from all of
// it; each later call reads only what was appended since (data/cert/tail.ts: the big logs
// from where the last call stopped, the small ones whole), extracts the new days' rows
// (causal: a day's row never changes when later days arrive, test/cert/causal.test.ts),
// scores them with a trained run, and appends them to the state's alerts, with per-domain
// reasons for the top k of each day. The state keeps every scored day's features
// (history/): the per-user past that the run's deviation and history inputs read, of which
// only the part the layout needs (layout/lookback.ts) is loaded.
//
// The state changes only when everything succeeded: a call with nothing new, lines of a
// day already scored arriving late, or logs whose already-read part changed, are refused
// with a message naming the day or file, and the state stays as it was.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractFeatures, FEATURES_VERSION, detectRelease, CertFormatError } from '../data/cert/index.js';
import { dayToIso, loadFeatureMatrix } from '../data/cert/matrix.js';
import { schemaPathFor } from '../data/cert/schema.js';
import { Duck } from '../data/cert/duck.js';
import { lit } from '../data/cert/sql.js';
import { appendedRelease, checkMarks, markLogs, WHOLE_LOGS, type LogMarks } from '../data/cert/tail.js';
import { DATE_FORMAT, LOGS, logFileName } from '../data/format/index.js';
import { lookback } from '../layout/lookback.js';
import { loadRun } from '../rundir/index.js';
import { writeFileAtomic, produceAtomic } from '../util/atomic.js';
import { bindSaved } from './data.js';
import { domainContributions, topDomainsText } from './explain.js';
import { rowScores } from './modes.js';
import { ensembleScores } from './score.js';

export interface DailyState {
  run: string;
  release: string;
  /** The extractor's FEATURES_VERSION: a state's history is only comparable within one. */
  featuresVersion: number;
  /** The last day scored, YYYY-MM-DD. */
  lastDay: string;
  /** How far each log has been read. */
  logs: LogMarks;
  /** Feature rows (user-days) per scored day. */
  rowsPerDay: Record<string, number>;
}

export interface DailySummary {
  state: string;
  /** Days scored by this call. */
  days: string[];
  rows: number;
  alerts: string;
  top: { day: string; user: string; score: number; rank: number; reasons: string }[];
  /** Bytes of log lines read by this call (the small logs whole, the big ones from the last call on). */
  bytesRead: number;
  /** Earlier user-days loaded as the new rows' past. */
  pastRows: number;
  /** Malformed rows skipped, and other notes of the extraction. */
  warnings: string[];
  seconds: { features: number; scoring: number; total: number };
}

export class DailyScoreError extends Error {}

const STATE = 'state.json', HISTORY = 'history', ALERTS = 'alerts.parquet', ALERTS_CSV = 'alerts.csv', WORK = '.work';

function readState(dir: string): DailyState | null {
  const p = join(dir, STATE);
  if (!existsSync(p)) return null;
  const s = JSON.parse(readFileSync(p, 'utf8')) as DailyState;
  if (!s.logs || s.featuresVersion === undefined) throw new DailyScoreError(`${p}: written by an earlier reslab that re-read the whole logs each morning; start a new --state`);
  if (s.featuresVersion !== FEATURES_VERSION) throw new DailyScoreError(`${p}: its history holds features of extractor version ${s.featuresVersion}, this reslab writes version ${FEATURES_VERSION}; start a new --state`);
  return s;
}

/** The day `n` days after `day` (before, for n < 0), both YYYY-MM-DD. */
const shiftDay = (day: string, n: number) => dayToIso(Date.parse(`${day}T00:00:00Z`) / 86400000 + n);

/** The first day among the appended lines of every log (malformed lines are left to the extraction to report). */
async function firstAppendedDay(parts: Record<string, string>, duck: Duck): Promise<string | null> {
  let first: string | null = null;
  // One file at a time: each scan holds buffers of the longest line allowed.
  for (const p of Object.values(parts)) {
    const v = await duck.scalar(`SELECT min(try_strptime("date", ${lit(DATE_FORMAT)}))::DATE::VARCHAR
      FROM read_csv(${lit(p)}, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true, ignore_errors = true, null_padding = true, max_line_size = 16777216)`);
    if (v !== null && v !== undefined && (first === null || String(v) < first)) first = String(v);
  }
  return first;
}

/**
 * The SQL predicate that keeps the rows the new days' inputs read: for each user, from
 * `lb.days` days before the older of `firstNew` (the day after the last one scored) and the
 * user's `lb.rows`-th latest earlier row.
 */
async function pastPredicate(history: string[], firstNew: string, lb: { rows: number; days: number }, duck: Duck): Promise<string> {
  const base = shiftDay(firstNew, -lb.days);
  if (lb.rows === 0 || history.length === 0) return `CAST("day" AS DATE) >= DATE ${lit(base)}`;
  const cuts = await duck.rows<{ user: string; first: string }>(`SELECT "user"::VARCHAR AS "user", min("day")::DATE::VARCHAR AS first FROM (
      SELECT "user", "day", row_number() OVER (PARTITION BY "user" ORDER BY "day" DESC) AS k
      FROM read_parquet([${history.map(lit).join(', ')}], union_by_name = true) WHERE CAST("day" AS DATE) < DATE ${lit(firstNew)})
    WHERE k <= ${lb.rows} GROUP BY "user"`);
  const byCut = new Map<string, string[]>();
  for (const c of cuts) {
    const from = shiftDay(c.first < firstNew ? c.first : firstNew, -lb.days);
    if (from < base) byCut.set(from, [...(byCut.get(from) ?? []), c.user]);
  }
  const earlier = [...byCut].map(([from, users]) => `("user" IN (${users.map(lit).join(', ')}) AND CAST("day" AS DATE) >= DATE ${lit(from)})`);
  return [`CAST("day" AS DATE) >= DATE ${lit(base)}`, ...earlier].join(' OR ');
}

/** Scores the days of `data` after the state's last one; see the file's header. */
export async function scoreNewDays(o: { run: string; data: string; state: string; top?: number; quiet?: boolean }): Promise<DailySummary> {
  const top = o.top ?? 20;
  const t0 = performance.now();
  const dir = resolve(o.state), data = resolve(o.data);
  mkdirSync(dir, { recursive: true });
  const prev = readState(dir);
  const run = loadRun(resolve(o.run));
  if (prev && prev.run !== resolve(o.run)) throw new DailyScoreError(`${join(dir, STATE)}: this state belongs to the run ${prev.run}, not ${resolve(o.run)}; use another --state`);
  // What to read: everything the first time, then what was appended since the marks.
  const work = join(dir, WORK);
  const refuse: (msg: string) => never = (msg) => { rmSync(work, { recursive: true, force: true }); throw new DailyScoreError(msg); };
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const duck = await Duck.open({ threads: 2, memoryLimit: '2GB', tempDir: join(work, 'duck') });
  let release: string, source: string, marks: LogMarks, bytesRead: number, fromDay: string | undefined;
  try {
    if (!prev) {
      marks = markLogs(data);
      release = detectRelease(data);
      source = data;
      bytesRead = LOGS.reduce((s, l) => s + marks[l].bytes, 0);
    } else {
      try {
        checkMarks(data, prev.logs);
      } catch (e) {
        if (e instanceof CertFormatError) refuse(`${e.message}; nothing changed`);
        throw e;
      }
      const a = appendedRelease(data, prev.logs, join(work, 'logs'));
      if (LOGS.every((l) => a.bytes[l] === 0)) refuse(`${o.data}: no day after ${prev.lastDay}, the last one scored; nothing changed`);
      const first = await firstAppendedDay(a.appended, duck);
      if (first === null) refuse(`${o.data}: no day after ${prev.lastDay}, the last one scored; nothing changed`);
      if (first <= prev.lastDay) {
        const where = LOGS.filter((l) => a.bytes[l] > 0).map(logFileName).join(', ');
        refuse(`${o.data}: the logs of ${first}, already scored, changed (lines of that day were appended to ${where} after it was scored): lines that arrive late or repeat a scored day are not scored; nothing changed`);
      }
      marks = a.marks;
      release = prev.release;
      source = a.dir;
      fromDay = shiftDay(prev.lastDay, 1);
      bytesRead = LOGS.reduce((s, l) => s + (WHOLE_LOGS.includes(l) ? a.marks[l].bytes : a.bytes[l]), 0);
    }
  } finally {
    duck.close();
  }

  // The new days' features.
  const fresh = join(work, 'features.parquet');
  const extracted = await extractFeatures({ data: source, release, granularity: 'day', out: fresh, quiet: true, resume: false, fromDay });
  // The small logs are read whole from the logs directory: if they grew meanwhile, what was
  // read is not what the marks say.
  const now = markLogs(data);
  for (const l of WHOLE_LOGS) if (now[l].bytes !== marks[l].bytes) refuse(`${join(data, logFileName(l))}: grew while it was read; nothing changed, run again`);
  const warnings = extracted.warnings.map((w) => w.replaceAll(join(work, 'logs', 'release'), `${data} (lines appended since the last call)`));
  const t1 = performance.now();

  // The new rows with the past their inputs read, in one matrix: the fresh table holds the
  // new days only (fromDay), the history only the days scored before.
  const historyDir = join(dir, HISTORY);
  const history = existsSync(historyDir) ? readdirSync(historyDir).filter((f) => f.endsWith('.parquet')).sort().map((f) => join(historyDir, f)) : [];
  let where: string | undefined;
  if (fromDay && history.length) {
    const probe = await Duck.open({ threads: 2, memoryLimit: '1GB', tempDir: join(work, 'duck') });
    try {
      where = await pastPredicate(history, fromDay, lookback(run.prep, run.layout), probe);
    } finally {
      probe.close();
    }
  }
  const matrix = await loadFeatureMatrix(fresh, { more: history, where });
  const rows = Int32Array.from([...Array(matrix.n).keys()].filter((i) => !prev || dayToIso(matrix.time[i]!) > prev.lastDay));
  const perDay = new Map<string, number>();
  for (const r of rows) { const d = dayToIso(matrix.time[r]!); perDay.set(d, (perDay.get(d) ?? 0) + 1); }
  const days = [...perDay.keys()].sort();
  if (days.length === 0) refuse(`${o.data}: no user-day after ${prev?.lastDay ?? 'the start'}; nothing changed`);
  let layout: ReturnType<typeof bindSaved>;
  try {
    layout = bindSaved(matrix, run.prep, run.layout);
  } catch (e) {
    refuse(`${o.data}: ${(e as Error).message}`);
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
  const writer = await Duck.open({ threads: 1, memoryLimit: '512MB', tempDir: join(work, 'duck') });
  try {
    await produceAtomic(parquet, async (tmp) => {
      await writer.copyToParquet(`SELECT "user", CAST("day" AS DATE) AS "day", CAST(score AS DOUBLE) AS score, CAST(rank AS INTEGER) AS rank, reasons
        FROM read_csv(${lit(stagedCsv)}, header = true, all_varchar = true, quote = '"') ORDER BY "day", rank`, tmp);
    });
  } finally {
    writer.close();
  }
  renameSync(stagedCsv, csvPath);
  // The new days join the history under the name of their first day, so the parts sort in time.
  mkdirSync(historyDir, { recursive: true });
  const part = join(historyDir, `days-${days[0]}.parquet`);
  renameSync(schemaPathFor(fresh), schemaPathFor(part));
  renameSync(fresh, part);
  const state: DailyState = {
    run: resolve(o.run), release, featuresVersion: FEATURES_VERSION, lastDay: days.at(-1)!, logs: marks,
    rowsPerDay: { ...(prev?.rowsPerDay ?? {}), ...Object.fromEntries(days.map((d) => [d, perDay.get(d)!])) },
  };
  writeFileAtomic(join(dir, STATE), JSON.stringify(state, null, 2) + '\n');
  rmSync(work, { recursive: true, force: true });
  const topRows = explained.filter((k) => rank[k]! <= 3).map((k) => ({ day: dayToIso(matrix.time[rows[k]!]!), user: matrix.users[matrix.user[rows[k]!]!]!, score: scores[k]!, rank: rank[k]!, reasons: reasons.get(k) ?? '' }));
  const t3 = performance.now();
  return {
    state: dir, days, rows: rows.length, alerts: parquet, top: topRows.sort((a, b) => a.day.localeCompare(b.day) || a.rank - b.rank),
    bytesRead, pastRows: matrix.n - rows.length, warnings,
    seconds: { features: (t1 - t0) / 1000, scoring: (t2 - t1) / 1000, total: (t3 - t0) / 1000 },
  };
}

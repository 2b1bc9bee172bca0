// `reslab score`: rank the user-days of a feature table with a trained run, and say for
// the top alerts which activity domains drove each score.
import { resolve } from 'node:path';
import { parse, intFlag, emitResult, UsageError } from '../args.js';
import { scoreFeatures } from '../../train/score.js';
import { scoreNewDays } from '../../train/daily.js';
import { topDomainsText } from '../../train/explain.js';

export const summary = 'rank user-days of new data with a trained run, with per-domain reasons';
export const usage = `usage: reslab score --run RUN_DIR --features FILE.parquet --out scores.parquet [--top N] [--quiet] [--json]
       reslab score --run RUN_DIR --data LOGS_DIR --state STATE_DIR [--top K] [--quiet] [--json]

Scores every row of FILE with the run's fitted layout and its model (the mean probability
of its ensemble members), writes them ranked to scores.parquet (user, day, score, rank,
insider when the data is labelled, and for the top N rows the gradient × input
contribution of each domain: logon, device, file, email, http, context), and prints the
top N. FILE must have every column the run was trained on.

Daily use (--data, --state): LOGS_DIR is the CERT release directory as it stands this
morning: its log files only grow (yesterday's lines appended). The first call extracts day
features from all of it; each later one reads only the lines appended since the call
before (the small logon and device logs whole), extracts the new days' rows, scores every
user-day after the last day STATE_DIR has scored, and appends them to
STATE_DIR/alerts.parquet and alerts.csv (user, day, score, rank within the day, and for the
top K of each day the domains that drove the score). STATE_DIR/history keeps every scored
day's features: the past that the run's deviation and history inputs read. Lines of a day
already scored arriving late, a call with no new day, and logs whose already-read part was
rewritten are refused with the day or file named, and nothing changes.

example:
  reslab score --run runs/history --features new/day.parquet --out runs/history/new-scores.parquet --top 20
  reslab score --run runs/mlp --data /logs/cert --state /var/reslab/daily --top 10      # every morning`;

export async function run(argv: string[]): Promise<void> {
  const { values: f } = parse(argv, { run: { type: 'string' }, features: { type: 'string' }, out: { type: 'string' }, data: { type: 'string' }, state: { type: 'string' }, top: { type: 'string' }, quiet: { type: 'boolean' } });
  const top = intFlag(f.top, 'top', 20);
  if (f.data || f.state) {
    if (!f.run || !f.data || !f.state) throw new UsageError('daily scoring needs --run, --data and --state');
    if (f.features || f.out) throw new UsageError('give --features and --out, or --data and --state, not both');
    // A refused day (DailyScoreError) is not a usage error: its one line says what happened.
    const d = await scoreNewDays({ run: f.run, data: f.data, state: f.state, top, quiet: Boolean(f.quiet) || Boolean(f.json) });
    if (!f.json) {
      for (const w of d.warnings) console.error(`warning: ${w}`);
      console.log(`scored    ${d.rows.toLocaleString('en-US')} user-days of ${d.days.length} new day(s) (${d.days[0]}${d.days.length > 1 ? ` … ${d.days.at(-1)}` : ''}) → ${d.alerts}`);
      console.log(`          read ${(d.bytesRead / 1e6).toFixed(1)} MB of logs, ${d.pastRows.toLocaleString('en-US')} earlier user-days as their past; ${d.seconds.total.toFixed(1)} s (features ${d.seconds.features.toFixed(1)} s, scoring ${d.seconds.scoring.toFixed(1)} s)`);
      for (const a of d.top) console.log(`  ${a.day}  #${a.rank}  ${a.user.padEnd(8)}  ${a.score.toFixed(4)}  ${a.reasons}`);
    }
    emitResult(Boolean(f.json), d);
    return;
  }
  if (!f.run || !f.features || !f.out) throw new UsageError('--run, --features and --out are required');
  const r = await scoreFeatures(resolve(f.run), resolve(f.features), resolve(f.out), top);
  if (!f.json) {
    console.log(`scored    ${r.rows.toLocaleString('en-US')} rows with ${r.run} → ${r.out}`);
    console.log('rank  user      day         score   insider  top domains');
    r.top.forEach((a, i) => {
      const doms = topDomainsText(a.contributions, 3, ', ');
      console.log(`${String(i + 1).padStart(4)}  ${a.user.padEnd(8)}  ${a.day}  ${a.score.toFixed(4)}  ${String(a.insider ?? '—').padStart(7)}  ${doms}`);
    });
  }
  emitResult(Boolean(f.json), r);
}

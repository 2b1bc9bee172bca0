// `reslab score`: rank the user-days of a feature table with a trained run, and say for
// the top alerts which activity domains drove each score.
import { resolve } from 'node:path';
import { parse, intFlag, emitResult, UsageError } from '../args.js';
import { scoreFeatures } from '../../train/score.js';

export const summary = 'rank user-days of new data with a trained run, with per-domain reasons';
export const usage = `usage: reslab score --run RUN_DIR --features FILE.parquet --out scores.parquet [--top N] [--quiet] [--json]

Scores every row of FILE with the run's fitted layout and its model (the mean probability
of its ensemble members), writes them ranked to scores.parquet (user, day, score, rank,
insider when the data is labelled, and for the top N rows the gradient × input
contribution of each domain: logon, device, file, email, http, context), and prints the
top N. FILE must have every column the run was trained on.

example:
  reslab score --run runs/history --features new/day.parquet --out runs/history/new-scores.parquet --top 20`;

export async function run(argv: string[]): Promise<void> {
  const { values: f } = parse(argv, { run: { type: 'string' }, features: { type: 'string' }, out: { type: 'string' }, top: { type: 'string' }, quiet: { type: 'boolean' } });
  if (!f.run || !f.features || !f.out) throw new UsageError('--run, --features and --out are required');
  const top = intFlag(f.top, 'top', 20);
  const r = await scoreFeatures(resolve(f.run), resolve(f.features), resolve(f.out), top);
  if (!f.json) {
    console.log(`scored    ${r.rows.toLocaleString('en-US')} rows with ${r.run} → ${r.out}`);
    console.log('rank  user      day         score   insider  top domains');
    r.top.forEach((a, i) => {
      const doms = Object.entries(a.contributions).sort((x, y) => y[1] - x[1]).slice(0, 3).map(([d, v]) => `${d} ${v >= 0 ? '+' : ''}${v.toFixed(2)}`).join(', ');
      console.log(`${String(i + 1).padStart(4)}  ${a.user.padEnd(8)}  ${a.day}  ${a.score.toFixed(4)}  ${String(a.insider ?? '—').padStart(7)}  ${doms}`);
    });
  }
  emitResult(Boolean(f.json), r);
}

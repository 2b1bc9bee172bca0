// `reslab compare`: one table of every method's test figures, seeds summarised.
import { resolve } from 'node:path';
import { parse, emitResult, UsageError } from '../args.js';
import { compareResults, comparisonMarkdown } from '../../eval/compare.js';
import { findResults } from '../../rundir/index.js';
import { writeFileAtomic } from '../../util/atomic.js';

export const summary = 'one comparison table of runs and baselines (mean ± sd over seeds)';
export const usage = `usage: reslab compare DIR… [--out table.md|table.json] [--json]

DIR is a run directory ('reslab train'), a baselines directory ('reslab baselines') or any
directory holding them. Runs whose method differs only in the seed are one row.

example:
  reslab compare runs/ out/baselines --out table.md`;

export async function run(argv: string[]): Promise<void> {
  const { values: f, positionals } = parse(argv, { out: { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('give at least one run or baselines directory');
  const rows = compareResults(findResults(positionals.map((p) => resolve(p))));
  const md = comparisonMarkdown(rows);
  if (f.out) writeFileAtomic(resolve(f.out), f.out.endsWith('.json') ? JSON.stringify({ rows }, null, 2) + '\n' : md);
  if (!f.json) process.stdout.write(md);
  emitResult(Boolean(f.json), { out: f.out ? resolve(f.out) : null, rows });
}

// `reslab recipes`: the named residual recipes — each one's model, layout and options (the
// flags `reslab train --recipe NAME` sets), with what the last recorded contest measured
// for it: average rank among the methods ranked there, PR-AUC, MACs per user-day and fit
// time. `best` is the recipe with the best measured rank.
import { parse, emitResult } from '../args.js';
import { RECIPES, headlineRecipe, type RecipeConfig } from '../../contest/methods.js';
import { readMeasured } from '../../contest/measured.js';

export const summary = 'list the named residual recipes with their measured contest ranks';
export const usage = `usage: reslab recipes [--all] [--json]

Prints each named recipe's model, layout and options, and what the last recorded contest
(bench:contest --record) measured for it: average rank by PR-AUC among the methods of that
contest (baselines included), mean PR-AUC over its worlds, MACs per user-day and fit
seconds. 'best' names the recipe with the best measured rank; 'reslab train --recipe best'
trains it. Without --all only the measured recipes are listed.

examples:
  reslab recipes
  reslab recipes --all --json`;

/** A recipe's options as the flags of `reslab train` that reproduce them. */
export function recipeFlags(r: RecipeConfig): string {
  const f: string[] = [`--model ${r.model}`, `--layout ${r.layout}`];
  if (r.prepare?.deviation?.length) f.push(`--deviation ${r.prepare.deviation.join(',')}`);
  if (r.prepare?.normalize) f.push(`--normalize ${r.prepare.normalize}`);
  if (r.balance) f.push(`--balance ${r.balance}`);
  if (r.epochs !== undefined) f.push(`--epochs ${r.epochs}`);
  if (r.patience !== undefined) f.push(`--patience ${r.patience}`);
  if (r.lr !== undefined) f.push(`--lr ${r.lr}`);
  if (r.weightDecay !== undefined) f.push(`--weight-decay ${r.weightDecay}`);
  if (r.ensemble !== undefined && r.ensemble > 1) f.push(`--ensemble ${r.ensemble}`);
  if (r.members !== undefined && r.members > 1) f.push(`--members ${r.members}`);
  if (r.embed) f.push(`--embed ${r.embed}`);
  if (r.width !== undefined) f.push(`--width ${r.width}`);
  if (r.depth !== undefined) f.push(`--depth ${r.depth}`);
  if (r.dropout !== undefined) f.push(`--dropout ${r.dropout}`);
  if (r.batch !== undefined) f.push(`--batch ${r.batch}`);
  if (r.refit) f.push('--refit');
  if (r.linearFirst) f.push('--linear-first');
  return f.join(' ');
}

export async function run(argv: string[]): Promise<void> {
  const { values: f } = parse(argv, { all: { type: 'boolean' } });
  const measured = readMeasured();
  const best = headlineRecipe();
  const rows = Object.entries(RECIPES).map(([name, r]) => ({ name, best: name === best, flags: recipeFlags(r), measured: measured?.methods[name] ?? null }));
  const shown = f.all ? rows : rows.filter((r) => r.measured);
  shown.sort((a, b) => (a.measured?.rankPrAuc ?? Infinity) - (b.measured?.rankPrAuc ?? Infinity) || a.name.localeCompare(b.name));
  if (f.json) return emitResult(true, { best, contest: measured && { suite: measured.suite, seeds: measured.seeds, worlds: measured.worlds.length, recorded: measured.recorded, ranked: Object.keys(measured.methods) }, recipes: shown });
  if (measured) {
    const n = Object.keys(measured.methods).length;
    console.log(`measured: contest suite '${measured.suite}', ${measured.worlds.length} worlds × seeds ${measured.seeds.join(', ')}, recorded ${measured.recorded}; ranks are among its ${n} methods (${Object.keys(measured.methods).join(', ')})`);
    const baselines = Object.entries(measured.methods).filter(([name]) => !(name in RECIPES)).sort((a, b) => a[1].rankPrAuc - b[1].rankPrAuc);
    if (baselines[0]) console.log(`best baseline there: ${baselines[0][0]} (rank ${baselines[0][1].rankPrAuc.toFixed(2)}, PR-AUC ${baselines[0][1].prAuc.toFixed(3)})\n`);
  } else console.log('no contest has been recorded (bench:contest --record); ranks are unknown\n');
  const num = (v: number | null | undefined, d: number) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d));
  console.log(`${'recipe'.padEnd(22)} ${'rank'.padStart(5)} ${'PR-AUC'.padStart(6)} ${'M MACs'.padStart(6)} ${'fit s'.padStart(6)}  flags`);
  for (const r of shown) {
    const m = r.measured;
    console.log(`${(r.name + (r.best ? ' (best)' : '')).padEnd(22)} ${num(m?.rankPrAuc, 2).padStart(5)} ${num(m?.prAuc, 3).padStart(6)} ${num(m?.macs === null || m?.macs === undefined ? null : m.macs / 1e6, 2).padStart(6)} ${num(m?.fitSeconds, 1).padStart(6)}  ${r.flags}`);
  }
  if (!f.all) console.log(`\n${rows.length - shown.length} more recipe(s) have no measurement: reslab recipes --all`);
}

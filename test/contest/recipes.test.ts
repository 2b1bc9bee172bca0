// Named recipes: `best` is the recorded contest's best-ranked recipe, `--recipe` sets a
// recipe's options and explicit flags override them, and `reslab recipes` lists them with
// the ranks measured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECIPES, canonicalMethod, headlineRecipe, resolveMethod } from '../../src/contest/methods.js';
import { bestRecipe, readMeasured, writeMeasured, type MeasuredContest, type MeasuredMethod } from '../../src/contest/measured.js';
import { runConfigFromFlags } from '../../src/cli/commands/train.js';

const m = (rankPrAuc: number, rankCaught5 = 1): MeasuredMethod => ({ rankPrAuc, rankCaught5, prAuc: 0.5, macs: null, fitSeconds: 1, epochSeconds: null });

test('bestRecipe: the lowest PR-AUC rank among recipes; baselines do not count; ties by the catch rank', () => {
  const rec: MeasuredContest = { suite: 's', seeds: [1], worlds: ['w'], recorded: '2026-01-01', methods: { logistic: m(1), 'mlp-best': m(2.5, 3), 'mlp-skip-best-lin': m(2.5, 2), grid: m(4) } };
  assert.equal(bestRecipe(rec, (n) => n in RECIPES), 'mlp-skip-best-lin');
  rec.methods['mlp-best'] = m(2.4, 9);
  assert.equal(bestRecipe(rec, (n) => n in RECIPES), 'mlp-best');
});

test('measured records round-trip atomically', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'measured-')), 'm.json');
  const rec: MeasuredContest = { suite: 's', seeds: [1, 2], worlds: ['a', 'b'], recorded: '2026-01-01', methods: { grid: m(3) } };
  writeMeasured(rec, file);
  assert.deepEqual(readMeasured(file), rec);
});

test('best is the committed record\'s best recipe, and resolves like it', () => {
  const rec = readMeasured();
  assert.ok(rec, 'src/contest/measured.json is committed');
  const best = headlineRecipe();
  assert.ok(best in RECIPES);
  const ranks = Object.entries(rec!.methods).filter(([n]) => n in RECIPES).map(([, v]) => v.rankPrAuc);
  assert.equal(rec!.methods[best]!.rankPrAuc, Math.min(...ranks));
  assert.equal(canonicalMethod('best'), best);
  assert.deepEqual(resolveMethod('best'), resolveMethod(best));
});

test('--recipe sets the recipe\'s options; flags given override them', () => {
  const r = RECIPES['mlp-best']!;
  const a = runConfigFromFlags({ features: 'f.parquet', recipe: 'mlp-best' });
  assert.equal(a.model, r.model);
  assert.equal(a.layout, r.layout);
  assert.deepEqual(a.prepare!.deviation, r.prepare!.deviation);
  assert.equal(a.prepare!.normalize, r.prepare!.normalize);
  assert.equal(a.balance, r.balance);
  assert.equal(a.epochs, r.epochs);
  assert.equal(a.patience, r.patience);
  const b = runConfigFromFlags({ features: 'f.parquet', recipe: 'mlp-best', epochs: '3', deviation: 'none', balance: 'weighted' });
  assert.equal(b.epochs, 3);
  assert.deepEqual(b.prepare!.deviation, []);
  assert.equal(b.balance, 'weighted');
  assert.equal(b.patience, r.patience, 'a flag not given keeps the recipe\'s value');
  const lin = runConfigFromFlags({ features: 'f.parquet', recipe: 'mlp-skip-best-lin' });
  assert.equal(lin.linearFirst, true);
  assert.deepEqual(runConfigFromFlags({ features: 'f.parquet', recipe: 'best' }), runConfigFromFlags({ features: 'f.parquet', recipe: headlineRecipe() }));
  // Without a recipe the defaults are what they were.
  const d = runConfigFromFlags({ features: 'f.parquet', layout: 'flat' });
  assert.equal(d.model, 'detect_mlp_resnet');
  assert.equal(d.epochs, 20);
  assert.equal(d.balance, 'sampler');
  assert.throws(() => runConfigFromFlags({ features: 'f.parquet', recipe: 'no-such' }), /--recipe must be best or one of/);
});

test('reslab recipes lists the measured recipes, best first, with their ranks', () => {
  const r = spawnSync(process.execPath, ['bin/reslab.js', 'recipes', '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { best: string; recipes: { name: string; best: boolean; flags: string; measured: MeasuredMethod | null }[] };
  assert.equal(out.best, headlineRecipe());
  assert.equal(out.recipes[0]!.name, out.best);
  assert.ok(out.recipes[0]!.best);
  const ranks = out.recipes.map((x) => x.measured!.rankPrAuc);
  assert.deepEqual(ranks, [...ranks].sort((x, y) => x - y));
  assert.match(out.recipes[0]!.flags, /--model \S+ --layout \S+/);
});

// The `reslab` command as a user runs it: a child process through bin/reslab.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkReportInBrowser } from '../report/browserCheck.js';
import { RECIPES, headlineRecipe } from '../../src/contest/methods.js';
import { methodName } from '../../src/train/run.js';

function reslab(...args: string[]) {
  return spawnSync(process.execPath, ['bin/reslab.js', ...args], { encoding: 'utf8', timeout: 300_000 });
}

test('unknown command exits 2 and says so', () => {
  const r = reslab('no-such-command');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command 'no-such-command'/);
});

test('help lists every command with its summary', () => {
  const r = reslab('help');
  assert.equal(r.status, 0, r.stderr);
  for (const name of ['demo', 'generate', 'features', 'train', 'score', 'baselines', 'compare', 'report', 'models']) assert.match(r.stdout, new RegExp(`^  ${name} +\\w`, 'm'));
  assert.doesNotMatch(r.stdout, /cannot load/);
});

test('every command has --help with an example', () => {
  for (const name of ['demo', 'generate', 'features', 'train', 'score', 'baselines', 'compare', 'contest', 'tune', 'recipes', 'report', 'models', 'lesion', 'paths', 'variants', 'shattered', 'rank']) {
    const r = reslab(name, '--help');
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`usage: reslab ${name}`));
    assert.match(r.stdout, /^examples?:$/m, `${name} --help has an example`);
  }
});

test('a bad flag is a usage error with the usage text', () => {
  const r = reslab('demo', '--no-such-flag');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: reslab demo/);
});

test('demo --profile tiny runs every stage end to end, writes a report that renders in Chromium, and a rerun reuses every stage with the same numbers', { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-demo-'));
  try {
    const results = [1, 2].map(() => {
      const r = reslab('demo', '--profile', 'tiny', '--json', '--quiet', '--out', dir);
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout.trim().split('\n').pop()!);
    });
    const [a, b] = results;
    const methods = a.comparison.map((r: { method: string }) => r.method);
    // The headline is `best`, the recorded contest's best recipe.
    const headline = methodName({ ensemble: 1, ...RECIPES[headlineRecipe()]! });
    for (const m of [headline, 'detect_grid_resnet · grid', 'detect_grid_plain · grid', 'detect_mlp_resnet · flat', 'random_forest', 'logistic', 'isolation_forest']) assert.ok(methods.includes(m), `${m} in ${methods}`);
    // The closing sentence names the table's two leaders and the interval it rests on.
    const [first, second] = a.comparison;
    assert.ok(a.verdict.includes(first.method) && a.verdict.includes(second.method) && a.verdict.includes(first.prAuc.mean.toFixed(3)), a.verdict);
    assert.match(a.verdict, /paired 95 % interval of the difference over test users, \[-?\d\.\d{3}, -?\d\.\d{3}\], (excludes|includes) zero/);
    for (const row of a.comparison) {
      assert.ok(row.rocAuc.mean >= 0 && row.rocAuc.mean <= 1 && row.prAuc.mean > 0, `${row.method}: ROC-AUC ${row.rocAuc.mean}, PR-AUC ${row.prAuc.mean}`);
      assert.ok(row.insidersTotal > 0);
    }
    // Some detector does much better than chance on held-out users.
    assert.ok(Math.max(...a.comparison.map((r: { rocAuc: { mean: number } }) => r.rocAuc.mean)) > 0.75);
    const html = readFileSync(a.report, 'utf8');
    assert.match(html, /detect_grid_resnet/);
    for (const id of ['dataset', 'comparison', 'curves', 'alerts', 'top-alerts', 'training', 'lesion', 'paths']) assert.ok(a.sections.includes(id), `section ${id} in ${a.sections}`);
    await checkReportInBrowser(a.report, a, resolve('out/test/demo-report.png'), async (page) => {
      const seen = await page.evaluate(() => {
        const table = document.querySelector('section#comparison table')!;
        const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
        const col = heads.findIndex((h) => h.startsWith('PR-AUC') || h.startsWith('PR-\nAUC') || /PR-\s*AUC/.test(h));
        const cells = [...table.querySelectorAll('tbody tr')].map((tr) => tr.querySelectorAll('td')[col]?.textContent ?? '');
        // No named arrow functions in here: the TypeScript loader would wrap them in a helper the page lacks.
        const [lesion, paths] = ['lesion', 'paths'].map((id) => document.querySelector(`section#${id} .intro`)?.textContent ?? '');
        // Every chart of these sections is followed by a paragraph saying how to read it.
        const unexplained = ['comparison', 'lesion', 'paths'].flatMap((id) => [...document.querySelectorAll(`section#${id} figure`)]
          .filter((f) => !(f.nextElementSibling?.textContent ?? '').startsWith('How to read this')).map((f) => `${id}: ${f.querySelector('figcaption')?.textContent ?? f.id}`));
        return { col, cells, lesion, paths, unexplained };
      });
      assert.ok(seen.col >= 0, 'the comparison table has a PR-AUC column');
      const values = seen.cells.map((c) => Number(c.split(' ')[0]));
      assert.deepEqual(values, [...values].sort((x, y) => y - x), `the table is sorted by PR-AUC: ${values}`);
      for (const c of seen.cells) assert.match(c, /^\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\]$/, 'a single run\'s PR-AUC shows its bootstrap interval');
      // The findings are computed: they name the models and end with a verdict word.
      for (const intro of [seen.lesion, seen.paths]) assert.match(intro, /Here: .*(reproduced|partly|too small to tell|nothing to judge)/);
      assert.deepEqual(seen.unexplained, []);
    });
    // Every stage reused on the rerun, and the same numbers.
    assert.ok(Object.entries(b.timings).every(([name, t]) => name === 'report' || (t as { cached: boolean }).cached), JSON.stringify(b.timings));
    assert.deepEqual(b.comparison, a.comparison);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

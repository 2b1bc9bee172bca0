// The comparison table: result files grouped by method, mean ± sample sd over seeds,
// sorted by PR-AUC, with train and score time columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareResults, comparisonMarkdown } from '../../src/eval/compare.js';
import { findResults } from '../../src/rundir/index.js';

function write(dir: string, method: string, seed: number, pr: number, extra: Record<string, unknown> = {}): void {
  mkdirSync(dir, { recursive: true });
  const test = { rocAuc: 0.9, averagePrecision: pr, detectionRate: { '0.05': 0.5 }, budgets: { '5': { recall: 0.25, insidersCaught: 2, insidersTotal: 8 } }, perScenario: { '1': 0.5 } };
  writeFileSync(join(dir, 'result.json'), JSON.stringify({ name: `${method} · seed ${seed}`, method, seed, test, ...extra }));
}

test('seeds of one method are pooled as mean ± sd; rows sort by PR-AUC; times are columns', () => {
  const root = mkdtempSync(join(tmpdir(), 'reslab-compare-'));
  try {
    write(join(root, 'a', 's1'), 'trees', 1, 0.2, { trainSeconds: 2, scoreSeconds: 0.5 });
    write(join(root, 'a', 's2'), 'trees', 2, 0.4, { trainSeconds: 4, scoreSeconds: 1.5 });
    write(join(root, 'b'), 'resnet', 1, 0.35, { macs: 2e6, trainSeconds: 10 });
    const rows = compareResults(findResults([root]));
    assert.deepEqual(rows.map((r) => r.method), ['resnet', 'trees']);
    const trees = rows[1];
    assert.equal(trees.runs, 2);
    assert.ok(Math.abs(trees.prAuc.mean - 0.3) < 1e-12);
    assert.ok(Math.abs(trees.prAuc.sd - Math.sqrt(0.02)) < 1e-12); // sample sd of 0.2, 0.4
    assert.equal(trees.scoreSeconds?.mean, 1);
    assert.equal(rows[0].scoreSeconds, undefined);
    const md = comparisonMarkdown(rows);
    const header = md.split('\n')[0].split('|').map((s) => s.trim());
    assert.ok(header.includes('train s') && header.includes('score s') && header.includes('recall@5/day'));
    assert.match(md, /\| trees \| 2 \| 0\.900 ± 0\.000 \| 0\.300 ± 0\.141 \|/);
    assert.match(md, /\| resnet \| 1 \|.*\| 2\.00 M \| 10\.0 \| — \|/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a result file without test figures is named in the error', () => {
  const root = mkdtempSync(join(tmpdir(), 'reslab-compare-'));
  try {
    writeFileSync(join(root, 'result.json'), JSON.stringify({ name: 'x' }));
    assert.throws(() => findResults([root]), /result\.json: field 'test'/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

// comparison.md, `reslab compare --out table.json` and the report's comparison table are
// renderings of one aggregation: for the same runs they carry the same numbers, and a run
// without DR@5% is left out of that figure's mean in all three (not counted as 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareResults, comparisonMarkdown } from '../../src/eval/compare.js';
import { findResults } from '../../src/rundir/index.js';
import { loadRuns, reportData, renderReport } from '../../src/report/index.js';
import { formatStat } from '../../src/util/stats.js';

interface Fake { dir: string; method: string; seed: number; roc: number; pr: number; dr5?: number; caught: number; scenario: number; trainSeconds?: number; scoreSeconds: number; macs?: number }

function writeRun(root: string, f: Fake): string {
  const dir = join(root, f.dir);
  mkdirSync(dir, { recursive: true });
  const test = {
    rocAuc: f.roc, averagePrecision: f.pr, prevalence: 0.01, positives: 12,
    detectionRate: f.dr5 === undefined ? { '0.01': f.dr5 ?? 0.1 } : { '0.01': f.dr5 / 2, '0.05': f.dr5 },
    budgets: { '5': { recall: f.caught / 8, insidersCaught: f.caught, insidersTotal: 8, alertPrecision: 0.1, medianDaysToDetection: 2 }, '10': { recall: (f.caught + 1) / 8, insidersCaught: f.caught + 1, insidersTotal: 8, alertPrecision: 0.05, medianDaysToDetection: 1 } },
    perScenario: { '1': f.scenario, '2': f.scenario / 2 },
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ model: f.method.split(' ')[0], seed: f.seed, ...(f.macs ? { macs: f.macs } : {}) }));
  writeFileSync(join(dir, 'result.json'), JSON.stringify({ name: `${f.method} · seed ${f.seed}`, method: f.method, seed: f.seed, test, ...(f.macs ? { macs: f.macs } : {}), ...(f.trainSeconds !== undefined ? { trainSeconds: f.trainSeconds } : {}), scoreSeconds: f.scoreSeconds }));
  return dir;
}

test('comparison.md, reslab compare --out table.json and the report table carry the same numbers for the same runs', async () => {
  const root = mkdtempSync(join(tmpdir(), 'reslab-one-table-'));
  try {
    const dirs = [
      writeRun(root, { dir: 'resnet/seed-1', method: 'resnet · flat', seed: 1, roc: 0.91, pr: 0.31, dr5: 0.6, caught: 3, scenario: 0.5, trainSeconds: 10, scoreSeconds: 0.2, macs: 2e6 }),
      // No DR@5% in this seed: the method's DR@5% is the other seed's alone.
      writeRun(root, { dir: 'resnet/seed-2', method: 'resnet · flat', seed: 2, roc: 0.87, pr: 0.22, caught: 2, scenario: 0.25, trainSeconds: 14, scoreSeconds: 0.3, macs: 2e6 }),
      writeRun(root, { dir: 'trees/seed-1', method: 'trees', seed: 1, roc: 0.8, pr: 0.4, dr5: 0.4, caught: 4, scenario: 0.75, scoreSeconds: 0.1 }),
      writeRun(root, { dir: 'trees/seed-2', method: 'trees', seed: 2, roc: 0.82, pr: 0.35, dr5: 0.5, caught: 5, scenario: 1, scoreSeconds: 0.1 }),
    ];
    const rows = compareResults(findResults([root]));
    const md = comparisonMarkdown(rows);

    const out = join(root, 'table.json');
    const cli = spawnSync(process.execPath, ['bin/reslab.js', 'compare', root, '--out', out, '--json'], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(cli.status, 0, cli.stderr);
    const table = JSON.parse(readFileSync(out, 'utf8')).rows;

    const data = reportData({ title: 't', runs: loadRuns(dirs) });
    assert.deepEqual(table, JSON.parse(JSON.stringify(rows)), 'table.json holds the rows comparison.md is printed from');
    assert.deepEqual(JSON.parse(JSON.stringify(data.comparison)), table, "the report's table holds the same rows");

    const resnet = rows.find((r) => r.method === 'resnet · flat')!;
    assert.deepEqual(resnet.drAt5, { mean: 0.6, sd: 0, n: 1 }, 'a missing DR@5% is skipped, not read as 0');
    assert.equal(rows.find((r) => r.method === 'trees')!.trainSeconds, undefined);
    assert.deepEqual(rows.map((r) => r.method), ['trees', 'resnet · flat'], 'best PR-AUC first');

    // The rendered tables print the same figures.
    const html = (await renderReport(data)).html;
    for (const r of rows) {
      const line = md.split('\n').find((l) => l.startsWith(`| ${r.method} |`))!;
      for (const s of [r.rocAuc, r.prAuc, r.drAt5]) {
        const text = formatStat(s)!;
        assert.ok(line.includes(`| ${text} |`), `${text} in comparison.md's row ${line}`);
        assert.ok(html.includes(text), `${text} in the report`);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

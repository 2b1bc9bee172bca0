// The report as a reader sees it: headless Chromium opens a report built from fixture
// data, offline. Every section and chart must render, nothing may be fetched, the console
// must stay clean; a screenshot is left in out/test/report.png for a human to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadRuns, loadCompare, loadAnalysis, reportData, renderReport } from '../../src/report/index.js';
import { writeFileAtomic } from '../../src/util/atomic.js';
import { writeFixture } from './fixture.js';
import { contestResult } from './contestFixture.js';
import { checkReportInBrowser } from './browserCheck.js';

const OUT = resolve('out/test');

test('the report renders offline in Chromium: every section, every chart, no requests, no console errors', { timeout: 180_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'reslab-report-browser-'));
  try {
    const f = writeFixture(root);
    const data = reportData({ title: 'Fixture report <ResNet & plain>', runs: loadRuns(f.runs), compare: loadCompare(f.compare), analysis: f.analysis.map(loadAnalysis), contest: contestResult(), generated: '2024-01-01T00:00:00Z', sources: ['fixture'] });
    const report = await renderReport(data);
    for (const id of ['contest', 'contest-worlds', 'contest-versus', 'dataset', 'comparison', 'curves', 'alerts', 'top-alerts', 'training', 'lesion', 'paths', 'shattered', 'rank', 'claims']) assert.ok(report.sections.includes(id), `section ${id} is present`);
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'report.html');
    writeFileAtomic(file, report.html);
    await checkReportInBrowser(file, report, join(OUT, 'report.png'), async (page) => {
      // The title was escaped, not parsed: it reads as written.
      assert.equal(await page.textContent('h1'), 'Fixture report <ResNet & plain>');
      // The claims side by side: the paper's figure (escaped), reslab's numbers, the rule and the verdict in one row.
      const row = await page.$$eval('#claims table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      assert.deepEqual(row[0], ['lesions and paths at depth (depth 110, 10000 training images × 4 epochs, seeds 1)', 'deleting one block barely changes a ResNet', 'Veit et al. 2016', 'ResNet-110: error stays near 6–7 % <except downsampling>', 'mean increase 0.80 points vs plain 80.1', 'ResNet ≤ a third of plain', 'reproduced']);
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

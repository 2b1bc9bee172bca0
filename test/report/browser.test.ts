// The report as a reader sees it: headless Chromium opens a report built from fixture
// data, offline. Every section and chart must render, nothing may be fetched, the console
// must stay clean; a screenshot is left in out/test/report.png for a human to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { loadRuns, loadCompare, loadAnalysis, reportData, renderReport } from '../../src/report/index.js';
import { writeFileAtomic } from '../../src/util/atomic.js';
import { writeFixture } from './fixture.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT = resolve('out/test');

test('the report renders offline in Chromium: every section, every chart, no requests, no console errors', { timeout: 180_000 }, async () => {
  // No silent skip: a missing browser is a broken setup, and the message says how to fix it.
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: run .ci/setup (it installs Debian's chromium), or set CHROMIUM to a Chromium binary`);
  const root = mkdtempSync(join(tmpdir(), 'reslab-report-browser-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  try {
    const f = writeFixture(root);
    const data = reportData({ title: 'Fixture report <ResNet & plain>', runs: loadRuns(f.runs), compare: loadCompare(f.compare), analysis: f.analysis.map(loadAnalysis), generated: '2024-01-01T00:00:00Z', sources: ['fixture'] });
    const report = await renderReport(data);
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'report.html');
    writeFileAtomic(file, report.html);
    const url = pathToFileURL(file).href;

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      problems.push(`request: ${route.request().url()}`);
      return route.abort();
    });
    await page.goto(url, { waitUntil: 'load' });

    const seen = await page.evaluate(() =>
      [...document.querySelectorAll('main section')].map((s) => ({
        id: s.id,
        heading: s.querySelector('h2')?.textContent ?? '',
        charts: [...s.querySelectorAll('figure svg')].map((svg) => {
          const r = svg.getBoundingClientRect();
          return { marks: svg.querySelectorAll('path, rect, symbol, line, circle').length, width: r.width, height: r.height };
        }),
        tables: s.querySelectorAll('table').length,
      })),
    );
    assert.deepEqual(seen.map((s) => s.id), report.sections, 'every section is on the page, in order');
    for (const id of ['dataset', 'comparison', 'curves', 'alerts', 'top-alerts', 'training', 'lesion', 'paths', 'shattered', 'rank']) assert.ok(report.sections.includes(id), `section ${id} is present`);
    assert.equal(seen.reduce((n, s) => n + s.charts.length, 0), report.charts, 'every chart is on the page');
    for (const s of seen) {
      assert.ok(s.charts.length + s.tables > 0, `section ${s.id} shows something`);
      for (const [i, c] of s.charts.entries()) {
        assert.ok(c.marks > 5, `section ${s.id}, chart ${i + 1} has marks (${c.marks})`);
        assert.ok(c.width > 200 && c.height > 100, `section ${s.id}, chart ${i + 1} is laid out (${c.width}×${c.height})`);
      }
    }
    // Every table-of-contents link lands on a section.
    const broken = await page.evaluate(() => [...document.querySelectorAll('nav.toc a')].map((a) => a.getAttribute('href')!).filter((h) => !document.querySelector(h)));
    assert.deepEqual(broken, []);
    // The title was escaped, not parsed: it reads as written.
    assert.equal(await page.textContent('h1'), 'Fixture report <ResNet & plain>');
    await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(OUT, 'report-print.png'), fullPage: false });
    assert.deepEqual(problems, [], 'no console errors, no network requests');
  } finally {
    await browser.close();
    rmSync(root, { recursive: true, force: true });
  }
});

// Opens a report file in headless Chromium, offline, and checks what a reader would see:
// every section and chart rendered with marks and laid out, table-of-contents links land,
// nothing fetched, a clean console. Leaves a full-page screenshot at `shot` and a
// print-media one beside it, for a human to look at.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function checkReportInBrowser(file: string, expected: { sections: string[]; charts: number }, shot: string, more?: (page: Page) => Promise<void>): Promise<void> {
  // No silent skip: a missing browser is a broken setup, and the message says how to fix it.
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: run .ci/setup (it installs Debian's chromium), or set CHROMIUM to a Chromium binary`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  try {
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
        charts: [...s.querySelectorAll('figure svg')].map((svg) => {
          const r = svg.getBoundingClientRect();
          return { marks: svg.querySelectorAll('path, rect, symbol, line, circle').length, width: r.width, height: r.height };
        }),
        tables: s.querySelectorAll('table').length,
      })),
    );
    assert.deepEqual(seen.map((s) => s.id), expected.sections, 'every section is on the page, in order');
    assert.equal(seen.reduce((n, s) => n + s.charts.length, 0), expected.charts, 'every chart is on the page');
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
    await more?.(page);
    mkdirSync(dirname(shot), { recursive: true });
    await page.screenshot({ path: shot, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: shot.replace(/\.png$/, '-print.png'), fullPage: false });
    assert.deepEqual(problems, [], 'no console errors, no network requests');
  } finally {
    await browser.close();
  }
}

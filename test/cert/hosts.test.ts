// The web scan looks a URL's category up by raw host in a memo built from the first rows
// of http.csv and works it out from the host only for rows the memo lacks. Both paths must
// give the same, hand-checked categories: with an empty sample every row takes the
// fallback, with a full one every row is a memo hit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duck } from '../../src/data/cert/duck.js';
import { httpSpec } from '../../src/data/cert/events.js';
import type { DetectedLayout } from '../../src/data/cert/releases.js';
import { LOG_COLUMNS } from '../../src/data/format/index.js';
import { scratchDir } from './helpers.js';

// id → [url, category code: 0 misc, 1 social, 2 cloud, 3 job, 4 leak, 5 hacking]
const URLS: Record<string, [string, number]> = {
  '{1}': ['http://www.Drive.Google.com/file/d', 2], // three-label listed host, case and www. ignored
  '{2}': ['http://docs.google.com/a', 0], // google.com itself is not listed
  '{3}': ['https://m.facebook.com/profile', 1], // subdomain of a listed host
  '{4}': ['http://jobsearch-example.org/x', 3], // by word
  '{5}': ['http://wikileaks.org', 4],
  '{6}': ['http://www.keylogpro.com/buy', 5],
  '{7}': ['http://spyware-shop.net/a/b', 5], // by word
  '{8}': ['http://plus.google.com/u/0', 1],
  '{9}': ['nohost', 0], // fewer than three '/' parts: empty host
  '{10}': ['http://example.com/a/b/c.html', 0],
};

test('web categories are the same from the host memo and from the host itself', async () => {
  const s = scratchDir();
  const duck = await Duck.open({ threads: 1, memoryLimit: '512MB', tempDir: join(s.dir, 'spill') });
  try {
    const path = join(s.dir, 'http.csv');
    const lines = Object.entries(URLS).map(([id, [url]]) => `${id},01/19/2010 10:00:00,AAA0001,PC-1,${url},a b`);
    writeFileSync(path, ['id,date,user,pc,url,content', ...lines].join('\n') + '\n');
    const layout = { family: 'r4', headers: { http: [...LOG_COLUMNS.http.r4] }, paths: { http: path } } as unknown as DetectedLayout;
    const expected = Object.fromEntries(Object.entries(URLS).map(([id, [, cat]]) => [id, cat]));
    for (const sample of [0, 1000]) {
      const spec = httpSpec(layout, sample);
      await duck.run(spec.prelude!);
      const memo = Number(await duck.scalar('SELECT count(*) FROM http_host_cat WHERE raw IS NOT NULL'));
      // Ten raw hosts: the nine URLs' and the empty one of 'nohost'.
      assert.equal(memo, sample === 0 ? 0 : 10, 'memo rows');
      const rows = await duck.rows<{ id: string; cat: number; url_depth: number }>(`SELECT e.id, e.cat::INTEGER AS cat, e.url_depth::INTEGER AS url_depth FROM ${spec.from}`);
      assert.deepEqual(Object.fromEntries(rows.map((r) => [r.id, r.cat])), expected, `categories with a sample of ${sample} rows`);
      const depth = Object.fromEntries(rows.map((r) => [r.id, r.url_depth]));
      assert.equal(depth['{10}'], 3); // http://example.com/a/b/c.html: '/' count 5 − 2
      assert.equal(depth['{5}'], 0);
      assert.equal(depth['{9}'], 0);
    }
  } finally {
    duck.close();
    s.done();
  }
});

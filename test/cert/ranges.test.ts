// The feature table is assembled a range of users at a time when the release is larger
// than the memory limit allows (output.ts). Cut into many small ranges, the table must be
// the one written in one go: the same rows in the same order, session numbers included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { extractFeatures, type Granularity } from '../../src/data/cert/index.js';
import { windowsPerRange } from '../../src/data/cert/output.js';
import { sizeBytes } from '../../src/data/cert/duck.js';
import { FIXTURES, readRows, scratchDir } from './helpers.js';

const inOrder = async (p: string) => (await readRows(p)).map((r) => JSON.stringify(r));

for (const [release, granularity] of [['r4.2', 'day'], ['r5.2', 'week'], ['r6.2', 'session']] as [string, Granularity][]) {
  test(`${release} ${granularity}: a table assembled one user at a time equals the one written at once`, async () => {
    const s = scratchDir();
    try {
      const data = join(FIXTURES, release);
      const whole = join(s.dir, 'whole.parquet');
      const cut = join(s.dir, 'cut.parquet');
      const a = await extractFeatures({ data, granularity, out: whole, quiet: true, resume: false });
      const b = await extractFeatures({ data, granularity, out: cut, quiet: true, resume: false, assembleWindows: 1 });
      assert.ok(a.users >= 3, 'the fixture has several users, so several ranges');
      assert.equal(b.rows, a.rows);
      assert.deepEqual(await inOrder(cut), await inOrder(whole));
    } finally {
      s.done();
    }
  });
}

test('memory sizes and the windows assembled at a time', () => {
  assert.equal(sizeBytes('2GB'), 2e9);
  assert.equal(sizeBytes('512MiB'), 512 * 1024 ** 2);
  assert.equal(sizeBytes(' 1.5 gb '), 1.5e9);
  assert.throws(() => sizeBytes('lots'), /memory limit 'lots'/);
  // 2 GB over 12 bytes per value of 537 columns: the r4.2 profile's 298,525 days in one range
  assert.equal(windowsPerRange(2e9, 537), 310366);
  assert.equal(windowsPerRange(1e6, 537), 1000, 'never fewer than 1000 windows');
});

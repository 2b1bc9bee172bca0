// --allow-future-context: the two termination columns exist only behind it, the schema
// says so, and every run on such features carries the warning into its method name and
// the report's header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { extractFeatures, readSchema } from '../../src/data/cert/index.js';
import { runBaselines } from '../../src/train/baselines.js';
import { findResults, FUTURE_CONTEXT_TAG } from '../../src/rundir/index.js';
import { compareResults } from '../../src/eval/compare.js';
import { renderReport } from '../../src/report/index.js';
import { FIXTURES, oneRow, scratchDir } from './helpers.js';

test('future-looking context only behind allowFutureContext, and every run and report on it says so', async () => {
  const s = scratchDir();
  try {
    const out = join(s.dir, 'day.parquet');
    await extractFeatures({ data: join(FIXTURES, 'r4.2'), granularity: 'day', out, quiet: true, allowFutureContext: true });
    const schema = await readSchema(out);
    assert.equal(schema.futureContext, true);
    assert.deepEqual(schema.columns.filter((c) => c.future).map((c) => c.name), ['context_flag_leaver', 'context_value_days_to_termination']);
    // Dave is in January's snapshot and not in February's: he leaves on 2010-02-01.
    const dave = await oneRow(out, `"user" = 'DDD0004' AND day = DATE '2010-01-19'`);
    assert.equal(dave.context_flag_leaver, 1);
    assert.equal(dave.context_value_days_to_termination, 13);

    const runs = join(s.dir, 'baselines');
    await runBaselines({ features: out, detectors: ['zscore'], split: { kind: 'time', trainPeriod: 0.5 }, seeds: [1] }, runs);
    const [row] = compareResults(findResults([runs]));
    assert.ok(row!.method.endsWith(FUTURE_CONTEXT_TAG), row!.method);
    const { html } = await renderReport({ title: 't', comparison: [row!] });
    assert.match(html, /Warning: 1 method\(s\) ran on features with future-looking context columns/);
    const clean = await renderReport({ title: 't', comparison: [{ ...row!, method: 'zscore' }] });
    assert.doesNotMatch(clean.html, /future-looking/);
  } finally {
    s.done();
  }
});

// Bad input: malformed rows are counted per file with line numbers and written to
// FILE.rejects.csv; --strict fails naming file, line and field; a missing log file is an
// error naming it; a missing psychometric.csv is only a warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { extractFeatures } from '../../src/data/cert/index.js';
import { FIXTURES, readRows, scratchDir, withExtracted } from './helpers.js';

test('malformed rows are counted, sampled by line and written to the rejects file', async () => {
  await withExtracted('malformed', 'day', async (out, sum) => {
    // logon.csv: line 5 has 3 columns, line 8 the date 13/45/2010, line 11 the activity 'Jump'.
    assert.deepEqual(sum.rejects.logon, { count: 3, sampleLines: [5, 8, 11] });
    assert.deepEqual(sum.rejects.http, { count: 1, sampleLines: [3] });
    assert.equal(sum.rejects.email!.count, 0);
    assert.equal(sum.events.logon, 37);
    assert.equal(sum.events.http, 5);
    assert.equal(sum.labelled, false);
    assert.equal(sum.rejectsPath, join(dirname(out), 'day.rejects.csv'));
    const lines = readFileSync(sum.rejectsPath!, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'file,line,field,reason,message,raw');
    assert.equal(lines.length, 5);
    assert.match(lines[1]!, /^http,3,/);
    assert.match(lines[3]!, /^logon,8,date,CAST,/);
    assert.match(lines[4]!, /^logon,11,activity,CAST,.*Jump/);
    // Without answers the table has no label columns.
    const row = (await readRows(out, `"user" = 'AAA0001' AND day = DATE '2010-01-19'`))[0]!;
    assert.equal('insider' in row, false);
    assert.equal(row.logon_count_logon_all, 2);
  });
});

test('--strict fails at the first bad row, naming file, line and field, and writes nothing', async () => {
  const s = scratchDir();
  try {
    const out = join(s.dir, 'f.parquet');
    await assert.rejects(extractFeatures({ data: join(FIXTURES, 'malformed'), granularity: 'day', out, strict: true, quiet: true }), (e: Error) => {
      assert.match(e.message, /malformed[/\\]logon\.csv: line 5: field 'pc': wrong column count/);
      return true;
    });
    assert.equal(existsSync(out), false);
  } finally {
    s.done();
  }
});

test('a missing log file is an error naming it; a missing psychometric.csv a warning', async () => {
  const s = scratchDir();
  try {
    const data = join(s.dir, 'r4.2');
    cpSync(join(FIXTURES, 'r4.2'), data, { recursive: true });
    rmSync(join(data, 'psychometric.csv'));
    const out = join(s.dir, 'f.parquet');
    const sum = await extractFeatures({ data, granularity: 'day', out, quiet: true });
    assert.equal(sum.warnings.length, 1);
    assert.match(sum.warnings[0]!, /psychometric\.csv not found/);
    const row = (await readRows(out, `"user" = 'AAA0001' AND day = DATE '2010-01-19'`))[0]!;
    assert.equal(row.context_value_O, null);

    rmSync(join(data, 'device.csv'));
    await assert.rejects(extractFeatures({ data, granularity: 'day', out: join(s.dir, 'g.parquet'), quiet: true }), /missing required file: .*device\.csv/);
  } finally {
    s.done();
  }
});

test('a header that matches no release is an error naming file and line', async () => {
  const s = scratchDir();
  try {
    const data = join(s.dir, 'x');
    cpSync(join(FIXTURES, 'r4.2'), data, { recursive: true });
    const p = join(data, 'logon.csv');
    const text = readFileSync(p, 'utf8').replace('id,date,user,pc,activity', 'id,date,usr,pc,activity');
    await import('node:fs').then((fs) => fs.writeFileSync(p, text));
    await assert.rejects(extractFeatures({ data, granularity: 'day', out: join(s.dir, 'f.parquet'), quiet: true }), /logon\.csv: line 1: header/);
  } finally {
    s.done();
  }
});

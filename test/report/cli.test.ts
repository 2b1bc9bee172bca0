// `reslab report` as a user runs it: a child process through bin/reslab.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFixture } from './fixture.js';

function reslab(...args: string[]) {
  return spawnSync(process.execPath, ['bin/reslab.js', ...args], { encoding: 'utf8', timeout: 120_000 });
}

test('reslab report writes one HTML file from run dirs, baselines and analyses, and prints its path', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-report-cli-'));
  try {
    const f = writeFixture(dir);
    const out = join(dir, 'out', 'report.html');
    const [first, ...rest] = f.runs;
    const r = reslab('report', '--run', first, '--compare', f.compare, '--analysis', f.analysis[0], '--analysis', f.analysis[1], '--out', out, '--title', 'CLI report', '--json', ...rest);
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout.trim().split('\n').pop()!);
    assert.equal(result.out, out);
    assert.equal(result.runs, 4);
    assert.equal(result.compared, 4);
    assert.deepEqual(result.sections, ['dataset', 'comparison', 'curves', 'alerts', 'top-alerts', 'training', 'lesion', 'paths', 'shattered', 'rank', 'claims']);
    const html = readFileSync(out, 'utf8');
    assert.equal(Buffer.byteLength(html), result.bytes);
    assert.match(html, /<title>CLI report<\/title>/);
    assert.equal((html.match(/<figure /g) ?? []).length, result.charts);
    assert.deepEqual(readdirSync(join(dir, 'out')), ['report.html'], 'no temp file left behind');

    // A malformed run: exit 1, and the message names the file and the field.
    writeFileSync(join(first, 'result.json'), JSON.stringify({ test: { rocAuc: 0.9 } }));
    const bad = reslab('report', '--run', first, '--out', out);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /result\.json: field 'test\.averagePrecision' is required/);
    const usage = reslab('report', '--run', first);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--out is required/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

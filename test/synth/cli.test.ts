// `reslab generate` through the command module: --profile small works, --json prints
// the summary as the last line, explicit flags override the profile, bad flags are usage errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { run, summary, usage } from '../../src/cli/commands/generate.js';
import { UsageError } from '../../src/cli/args.js';
import { PROFILES } from '../../src/data/synth/index.js';
import { tempDir } from './helpers.js';

/**
 * Runs the command and returns the JSON object it printed last. The test runner's own
 * report shares stdout, so everything is passed through and only our line is picked.
 */
async function runJson(argv: string[]) {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((c: string | Uint8Array, ...rest: never[]) => (chunks.push(String(c)), write(c, ...rest))) as typeof process.stdout.write;
  try {
    await run(argv);
  } finally {
    process.stdout.write = write;
  }
  // Under `node --test` the runner's binary protocol shares stdout, without newlines.
  const text = chunks.join('');
  const at = text.lastIndexOf('{"out":');
  assert.ok(at >= 0, 'no JSON summary on stdout');
  const line = text.slice(at, text.indexOf('\n', at));
  return JSON.parse(line);
}

test('--profile small writes the small dataset and --json ends stdout with its summary', async () => {
  const out = join(tempDir(), 'small');
  const s = await runJson(['--profile', 'small', '--out', out, '--seed', '4', '--json']);
  assert.equal(s.release, PROFILES.small.release);
  assert.equal(s.users, PROFILES.small.users);
  assert.equal(s.days, PROFILES.small.days);
  assert.equal(s.insiders.length, PROFILES.small.insiders);
  assert.deepEqual([...new Set(s.insiders.map((i: { scenario: number }) => i.scenario))].sort(), [1, 2, 3, 4, 5]);
  const lines = readFileSync(join(out, 'logon.csv'), 'latin1').trimEnd().split('\n').length - 1;
  assert.equal(s.rows['logon.csv'], lines);
  const manifest = JSON.parse(readFileSync(join(out, 'GENERATED.json'), 'utf8'));
  assert.equal(manifest.options.seed, 4);
});

test('explicit flags override the profile', async () => {
  const out = join(tempDir(), 'o');
  const s = await runJson(['--profile', 'small', '--out', out, '--users', '25', '--days', '20', '--insiders', '2', '--scenarios', '1,2', '--release', 'r6.2', '--json']);
  assert.equal(s.users, 25);
  assert.equal(s.days, 20);
  assert.equal(s.release, 'r6.2');
  assert.deepEqual(s.insiders.map((i: { scenario: number }) => i.scenario).sort(), [1, 2]);
  assert.ok(readFileSync(join(out, 'http.csv'), 'latin1').startsWith('id,date,user,pc,url,activity,content\n'));
});

test('bad flags are usage errors that say what was expected', async () => {
  const out = join(tempDir(), 'x');
  await assert.rejects(run(['--out', out, '--release', 'r9']), (e: Error) => e instanceof UsageError && /r4\.2, r5\.2, r6\.2/.test(e.message));
  await assert.rejects(run(['--out', out, '--profile', 'small', '--users', 'many']), UsageError);
  await assert.rejects(run(['--out', out, '--release', 'r4.2', '--scenarios', '1,4']), (e: Error) => e instanceof UsageError && /r5/.test(e.message));
  await assert.rejects(run(['--profile', 'small']), (e: Error) => e instanceof UsageError && /--out/.test(e.message));
  assert.ok(summary.length > 0 && usage.includes('--profile'));
});

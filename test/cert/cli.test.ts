// `reslab features` through its command module: flags, --json summary as the last line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/cli/commands/features.js';
import { UsageError } from '../../src/cli/args.js';
import { FIXTURES, scratchDir } from './helpers.js';

async function capture(fn: () => Promise<void>): Promise<string> {
  const orig = process.stdout.write.bind(process.stdout);
  let buf = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    buf += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = orig;
  }
  return buf;
}

test('reslab features --json writes the table and prints a JSON summary last', async () => {
  const s = scratchDir();
  try {
    const out = join(s.dir, 'sess.parquet');
    const text = await capture(() => run(['--data', join(FIXTURES, 'r5.2'), '--granularity', 'session', '--out', out, '--json']));
    // The test runner may interleave its own output; the summary is our last JSON line.
    const last = [...text.matchAll(/\{"out".*\}(?=\n)/g)].at(-1)?.[0];
    assert.ok(last, `no JSON summary in: ${text.slice(0, 300)}`);
    const sum = JSON.parse(last!);
    assert.equal(sum.release, 'r5.2');
    assert.equal(sum.granularity, 'session');
    assert.equal(sum.rows, 20);
    assert.equal(sum.insiderUsers, 1);
    assert.ok(existsSync(out));
    assert.ok(existsSync(join(s.dir, 'sess.schema.json')));
  } finally {
    s.done();
  }
});

test('reslab features rejects bad flags with a usage error', async () => {
  await assert.rejects(run(['--data', 'x', '--granularity', 'month', '--out', 'y.parquet']), UsageError);
  await assert.rejects(run(['--granularity', 'day', '--out', 'y.parquet']), /--data is required/);
  await assert.rejects(run(['--data', 'x', '--granularity', 'day', '--out', 'y.parquet', '--release', 'r9']), UsageError);
});

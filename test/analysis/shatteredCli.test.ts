// `reslab shattered` on the sweep nets: its flags, the shattered.json it writes, and the
// report reading that file back into the shattered section.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadAnalysis } from '../../src/report/load.js';
import { shatteredSection } from '../../src/report/sections/ensemble.js';
import * as shattered from '../../src/cli/commands/shattered.js';
import { UsageError } from '../../src/cli/args.js';

const root = mkdtempSync(join(tmpdir(), 'reslab-shattered-'));
after(() => rmSync(root, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/reslab.js', ...args], { encoding: 'utf8', env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' } });
  return { out: r.stdout, code: r.status, err: r.stderr };
}

test('reslab shattered --out writes shattered.json that the report loader reads into series, and the section draws them', async () => {
  const dir = join(root, 'sweep');
  const r = cli(['shattered', '--arch', 'plain,resnet', '--bn', 'on', '--depths', '0,4', '--width', '16', '--points', '32', '--seeds', '1,2', '--max-lag', '6', '--out', dir, '--json']);
  assert.equal(r.code, 0, r.err);
  const printed = JSON.parse(r.out.trim().split('\n').pop()!);
  const file = join(dir, 'shattered.json');
  assert.ok(existsSync(file));
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), printed);
  assert.equal(printed.kind, 'sweep-nets');
  const s = loadAnalysis(dir).shattered!;
  assert.equal(s.model, 'sweep nets, width 16');
  assert.deepEqual(s.series!.map((x) => `${x.name}@${x.depth}`), ['plain+BN@0', 'plain+BN@4', 'resnet+BN@0', 'resnet+BN@4']);
  for (const [i, x] of s.series!.entries()) {
    assert.equal(x.neighbour.n, 2);
    assert.equal(x.neighbour.mean, printed.results[i].neighbour.mean);
    assert.equal(x.autocorrelation.length, 7);
    assert.equal(x.gradients.length, 32);
    assert.equal(x.gradients[0].x, -2);
  }
  // Depth 0 is linear: correlation exactly 1.
  assert.equal(s.series![0].neighbour.mean, 1);
  assert.equal(s.whiteNoise, 3 / Math.sqrt(32));
  const section = await shatteredSection([s]);
  const kinds = section.blocks.map((b) => b.kind);
  // The claims the CLI judged travel with the file.
  assert.deepEqual(s.claims!.map((c) => c.verdict), printed.claims.map((c: { verdict: string }) => c.verdict));
  assert.ok(s.claims!.some((c) => /plain\+BN/.test(c.claim)));
  // Table, claims, correlation against depth (with how to read it), autocorrelation, one gradient chart per net at its deepest.
  assert.deepEqual(kinds, ['table', 'table', 'chart', 'paragraph', 'chart', 'chart', 'chart']);
  const table = section.blocks[0] as { rows: unknown[][] };
  assert.equal(table.rows.length, 4);
  assert.match((section.blocks[2] as { alt: string }).alt, /against depth/);
});

/** Runs the command in this process, returning what it printed to stdout. */
async function inProcess(args: string[]): Promise<string> {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => { out += chunk; return true; }) as typeof process.stdout.write;
  try { await shattered.run(args); } finally { process.stdout.write = write; }
  return out;
}

test('the human output is a table of depths; bad flags are usage errors that name the flag', async () => {
  const out = await inProcess(['--arch', 'plain', '--bn', 'off', '--depths', '1,3', '--width', '8', '--points', '16', '--seeds', '1', '--quiet']);
  assert.match(out, /depth 1 +depth 3/);
  assert.match(out, /^ {2}plain +-?\d\.\d\d ± 0\.00/m);
  const bad: [string[], RegExp][] = [
    [['--arch', 'resnet', '--depths', '3'], /--depths 3: residual nets hold two weight layers per block/],
    [['--arch', 'dense'], /--arch must be/], [['--bn', 'maybe'], /--bn must be/], [['--range=2,1'], /--range must be/],
    [['--points', '2'], /--points/], [['--seeds', '1,x'], /--seeds must be/], [['--run', root, '--batch', '1'], /--batch/],
  ];
  for (const [args, msg] of bad) await assert.rejects(shattered.run(args), (e: Error) => e instanceof UsageError && msg.test(e.message), args.join(' '));
});

test('shattered --help has examples', () => {
  assert.match(shattered.usage, /^usage: reslab shattered/);
  assert.match(shattered.usage, /^examples?:$/m);
  assert.ok(shattered.summary.length > 0);
});

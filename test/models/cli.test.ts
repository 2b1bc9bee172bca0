// `reslab models` through the command module's run().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, summary, usage } from '../../src/cli/commands/models.js';
import { UsageError } from '../../src/cli/args.js';

async function capture(argv: string[]): Promise<string> {
  const chunks: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => { chunks.push(String(s)); return true; }) as typeof process.stdout.write;
  try {
    await run(argv);
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}
const lastJson = (out: string) => JSON.parse(out.trim().split('\n').at(-1)!);

test('models list names the torchvision, timm, CIFAR and tabular models', async () => {
  assert.ok(summary && usage.includes('models info'));
  const { models } = lastJson(await capture(['list', '--json']));
  const names = models.map((m: { name: string }) => m.name);
  for (const n of ['resnet18', 'resnet50', 'resnext50_32x4d', 'wide_resnet50_2', 'densenet121', 'res2net50_26w_4s', 'rexnet_100',
    'resnet20', 'resnet110', 'preact_resnet164', 'wrn_28_10', 'resnext29_8x64d', 'densenet_bc_100_12', 'fractalnet', 'resnet110_sd',
    'highway20', 'multiresnet20_k2', 'plain20', 'tabular_resnet1d', 'tabular_resnet2d', 'tabular_mlp_resnet']) {
    assert.ok(names.includes(n), n);
  }
  assert.match(await capture(['list']), /resnet20 +resnet +3x32x32/);
});

test('models info: parameters, MACs, blocks and downsampling for the default and a 1-D input', async () => {
  const r = lastJson(await capture(['info', 'resnet20', '--json']));
  assert.equal(r.params, 269_722);
  assert.equal(r.blockCount, 9);
  assert.deepEqual(r.downsampling, [3, 6]);
  assert.ok(r.macs > 40e6 && r.macs < 41e6, `ResNet-20 ≈ 40.6 M MACs, got ${r.macs}`);
  const d1 = lastJson(await capture(['info', 'tabular_resnet1d', '--input', '1x64', '--json']));
  assert.equal(d1.config.dims, 1);
  assert.deepEqual(d1.blocks[2].outputShape, [64, 32]);
  assert.match(await capture(['info', 'resnet20']), /parameters +269,722/);
});

test('models info --config takes a base model with overrides', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-models-'));
  const file = join(dir, 'plain.json');
  writeFileSync(file, JSON.stringify({ base: 'resnet20', shortcut: 'none', numClasses: 2 }));
  const r = lastJson(await capture(['info', '--config', file, '--input', '3x16x16', '--json']));
  assert.equal(r.config.shortcut, 'none');
  assert.equal(r.blocks[3].removable, false);
  assert.deepEqual(r.outputShape, [2]);
});

test('models: bad input is a usage error, unknown names say so', async () => {
  await assert.rejects(capture(['info', 'resnet20', '--input', '3x']), UsageError);
  await assert.rejects(capture(['frobnicate']), UsageError);
  await assert.rejects(capture(['info']), UsageError);
  await assert.rejects(capture(['info', 'resnet2000']), /unknown model 'resnet2000'/);
});

// Every zoo model named after a torchvision model has torchvision's state dict: the same
// keys with the same shapes (so any torchvision checkpoint of it loads strictly), read
// from Debian's torchvision at test time. torchvision.test.ts runs four of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createModel } from '../../src/models/index.js';

const PYTHON = process.env.RESLAB_PYTHON ?? '/usr/bin/python3';
const TWIN = fileURLToPath(new URL('../../bench/models_pytorch.py', import.meta.url));
const NAMES = [
  'resnet18', 'resnet34', 'resnet50', 'resnet101', 'resnet152', 'resnext50_32x4d', 'resnext101_32x8d', 'resnext101_64x4d',
  'wide_resnet50_2', 'wide_resnet101_2', 'densenet121', 'densenet161', 'densenet169', 'densenet201',
];

test('torchvision-named models have torchvision\'s keys and shapes', () => {
  const p = spawnSync(PYTHON, [TWIN, 'torchvision-keys', NAMES.join(',')], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, OMP_NUM_THREADS: '1' } });
  assert.equal(p.status, 0, `${PYTHON} ${TWIN} torchvision-keys failed (is python3-torchvision installed? .ci/setup installs it): ${p.error ?? p.signal ?? ''} ${p.stderr}`);
  const want = JSON.parse(p.stdout.trim().split('\n').pop()!) as Record<string, Record<string, number[]>>;
  for (const name of NAMES) {
    const m = createModel(name);
    try {
      const mine = Object.fromEntries([...m.stateDict()].map(([k, t]) => [k, t.shape]));
      assert.deepEqual(mine, want[name], name);
    } finally {
      m.dispose();
    }
  }
});

// torchvision's own checkpoints load into reslab's zoo by name: Debian's torchvision
// builds resnet18, resnext50_32x4d, wide_resnet50_2 and densenet121 (seeded random init,
// BN affine and running statistics randomised, eval mode) and saves each state dict under
// torchvision's keys (bench/models_pytorch.py torchvision). reslab's model of the same
// name must have exactly those keys and shapes (strict loadStateDict) and reproduce
// torchvision's logits. The checkpoints are float32, as published ones are; both sides
// run those same float32 weights in float64 (an exact widening), so the only differences
// are float64 summation orders: 1e-9 bounds those by orders of magnitude while a
// misplaced layer moves logits by ~0.1 (with Debian's libtorch on both sides they agree
// bit for bit).
// Without python3-torchvision the test fails (CI installs it: .ci/setup).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from '../../src/torch/index.js';
import { createModel } from '../../src/models/index.js';
import { assertClose } from '../helpers/close.js';

const PYTHON = process.env.RESLAB_PYTHON ?? '/usr/bin/python3';
const TWIN = fileURLToPath(new URL('../../bench/models_pytorch.py', import.meta.url));
const tol = { atol: 1e-9, rtol: 1e-9 };
// 32 × 32 inputs keep every stage at least 1 × 1 (÷32 in the ResNets, ÷32 in DenseNet-121).
const CASES = ['resnet18', 'resnext50_32x4d', 'wide_resnet50_2', 'densenet121'].map((name, i) => ({ name, input: [2, 3, 32, 32], seed: 20 + i }));

test('torchvision checkpoints load strictly into the zoo and give torchvision\'s logits', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-torchvision-'));
  try {
    const spec = CASES.map((c) => ({ ...c, out: join(dir, `${c.name}.safetensors`) }));
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    const p = spawnSync(PYTHON, [TWIN, 'torchvision', join(dir, 'spec.json')], {
      encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, OMP_NUM_THREADS: '1' },
    });
    assert.equal(p.status, 0, `${PYTHON} ${TWIN} torchvision failed (is python3-torchvision installed? .ci/setup installs it): ${p.error ?? p.signal ?? ''} ${p.stderr}`);
    const made = JSON.parse(p.stdout.trim().split('\n').pop()!) as { name: string; keys: number; params: number }[];

    for (const c of spec) {
      const { tensors } = torch.loadSafetensors(c.out);
      rmSync(c.out);
      const m = createModel(c.name);
      try {
        torch.tidy(() => {
          const x = tensors.get('__x')!;
          const want = tensors.get('__logits')!;
          const ckpt = new Map([...tensors].filter(([k]) => !k.startsWith('__')));
          const info = made.find((e) => e.name === c.name)!;
          assert.equal(ckpt.size, info.keys, `${c.name}: every key of torchvision's state dict was written`);
          assert.deepEqual([...m.stateDict().keys()].sort(), [...ckpt.keys()].sort(), `${c.name}: reslab's keys are torchvision's`);
          assert.equal(m.numParameters(), info.params, `${c.name}: parameter count`);
          assert.deepEqual([...new Set([...ckpt.values()].map((v) => v.dtype))].sort(), ['float32', 'int64'], `${c.name}: float32 weights, int64 BN counters`);
          m.loadStateDict(ckpt); // strict: every key used, every shape equal
          m.to('float64').eval();
          const logits = torch.noGrad(() => m.forward(x));
          assertClose(logits, want, tol, `${c.name} logits`);
          const err = logits.sub(want).abs().max().item() as number;
          t.diagnostic(`${c.name}: max |Δ| logits ${err.toExponential(1)} (logits up to ${(want.abs().max().item() as number).toFixed(2)})`);
        });
      } finally {
        m.dispose();
        for (const v of tensors.values()) v.dispose();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

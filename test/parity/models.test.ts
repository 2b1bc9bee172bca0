// Parity with PyTorch: reslab's float64 weights of a small config are loaded into its
// PyTorch twin (bench/models_pytorch.py, Debian's python3-torch), and logits, input
// gradients, parameter gradients and (training mode) updated BN statistics must agree.
// One Python process serves every case. The torchvision-shaped ResNet v1 twin uses
// torchvision's state-dict names (conv1/bn1 at the top, `downsample`), mapped from
// reslab's (`stem.conv1`, `proj`) in the twin's loader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from '../../src/torch/index.js';
import { Tensor } from '../../src/torch/index.js';
import { BatchNorm } from '../../src/nn/index.js';
import { buildModel, type BlockNet, type ModelConfig } from '../../src/models/index.js';
import { assertClose } from '../helpers/close.js';

const PYTHON = process.env.RESLAB_PYTHON ?? '/usr/bin/python3';
const TWIN = fileURLToPath(new URL('../../bench/models_pytorch.py', import.meta.url));
const tol = { atol: 1e-11, rtol: 1e-9 };

const resnet = { family: 'resnet' as const, dims: 2 as const, inChannels: 3, numClasses: 5, layers: [1, 2], strides: [1, 2] };
type Mode = 'eval' | 'train';
const CASES: { name: string; config: ModelConfig; modes: Mode[] }[] = [
  // torchvision's ImageNet layout: 7×7/2 stem + max-pool, projection (B) shortcuts.
  { name: 'resnet_v1_basic', modes: ['eval', 'train'], config: { ...resnet, stem: { kind: 'imagenet', width: 8 }, block: 'basic', widths: [8, 16], shortcut: 'B' } },
  { name: 'resnet_v1_basic_A', modes: ['eval', 'train'], config: { ...resnet, stem: { kind: 'cifar', width: 8 }, block: 'basic', widths: [8, 16], shortcut: 'A' } },
  { name: 'preact', modes: ['eval', 'train'], config: { ...resnet, stem: { kind: 'cifar', width: 8, norm: false }, block: 'preact_basic', arrangement: 'e', widths: [8, 16], shortcut: 'B', finalNorm: true } },
  // Wide ResNet's dropout makes training mode random: eval only.
  { name: 'wide', modes: ['eval'], config: { ...resnet, stem: { kind: 'cifar', width: 8, norm: false }, block: 'preact_basic', arrangement: 'e', widths: [16, 32], shortcut: 'B', dropout: 0.3, finalNorm: true } },
  { name: 'resnext', modes: ['eval', 'train'], config: { ...resnet, stem: { kind: 'cifar', width: 8 }, block: 'bottleneck', widths: [8, 16], groups: 4, baseWidth: 16, shortcut: 'B' } },
  { name: 'densenet_bc', modes: ['eval', 'train'], config: { family: 'densenet', dims: 2, inChannels: 3, numClasses: 5, stem: { kind: 'cifar', width: 8, norm: false }, growth: 4, blocks: [2, 2], bottleneck: 4, compression: 0.5 } },
];

/** Non-trivial BN state, so that eval mode tests the running statistics too. */
function randomizeNorms(m: BlockNet): void {
  torch.noGrad(() => torch.tidy(() => {
    for (const mod of m.modules()) {
      if (!(mod instanceof BatchNorm)) continue;
      const n = mod.numFeatures;
      const o = { dtype: 'float64' as const };
      mod.running_mean.copy_(torch.randn([n], o).mul(0.2));
      mod.running_var.copy_(torch.rand([n], o).add(0.5));
      mod.weight!.copy_(torch.randn([n], o).mul(0.2).add(1));
      mod.bias!.copy_(torch.randn([n], o).mul(0.2));
    }
  }));
}

interface Result { logits: number[]; xgrad: number[]; grads: Record<string, number[]>; buffers?: Record<string, number[]> }

test('logits and gradients match the PyTorch twins in float64 (resnet v1, preact, wide, resnext, densenet)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reslab-parity-'));
  const models: BlockNet[] = [];
  try {
    torch.tidy(() => {
      const inputs = new Map<string, { x: Tensor; r: Tensor }>();
      const spec = CASES.map((c, i) => {
        torch.manualSeed(10 + i);
        const m = buildModel(c.config).to('float64');
        models.push(m);
        randomizeNorms(m);
        const x = torch.randn([3, 3, 16, 16], { dtype: 'float64' });
        const r = torch.randn([3, 5], { dtype: 'float64' });
        inputs.set(c.name, { x, r });
        const weights = join(dir, `${c.name}.safetensors`);
        torch.saveSafetensors(weights, new Map([...m.stateDict(), ['__x', x], ['__r', r]]));
        return { name: c.name, config: c.config, modes: c.modes, weights };
      });
      writeFileSync(join(dir, 'cases.json'), JSON.stringify(spec));
      const p = spawnSync(PYTHON, [TWIN, 'parity', join(dir, 'cases.json')], {
        encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, OMP_NUM_THREADS: '1' },
      });
      assert.equal(p.status, 0, `${PYTHON} ${TWIN} parity failed: ${p.error ?? p.signal ?? ''} ${p.stderr}`);
      const want = JSON.parse(p.stdout.trim().split('\n').pop()!) as Record<string, Record<Mode, Result>>;

      CASES.forEach((c, i) => {
        const m = models[i];
        const { x, r } = inputs.get(c.name)!;
        for (const mode of c.modes) {
          const where = `${c.name} (${mode})`;
          const py = want[c.name][mode];
          m.train(mode === 'train');
          m.zeroGrad();
          const xi = x.clone().requiresGrad_(true);
          const logits = m.forward(xi);
          logits.mul(r).sum().backward();
          assertClose(logits, py.logits, tol, `${where} logits`);
          assertClose(xi.grad!, py.xgrad, tol, `${where} input gradient`);
          const params = new Map(m.namedParameters());
          assert.deepEqual(Object.keys(py.grads).sort(), [...params.keys()].sort(), `${where}: the twin has the same parameters`);
          for (const [k, g] of Object.entries(py.grads)) assertClose(params.get(k)!.grad!, g, tol, `${where} grad ${k}`);
          if (mode === 'train') {
            const sd = m.stateDict();
            const stats = Object.entries(py.buffers!).filter(([k]) => /running_(mean|var)$/.test(k));
            assert.ok(stats.length > 0);
            for (const [k, v] of stats) assertClose(sd.get(k)!, v, tol, `${where} ${k}`);
          }
        }
      });
    });
  } finally {
    for (const m of models) m.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

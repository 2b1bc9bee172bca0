// Parity with PyTorch: reslab's float64 weights of a small config of every family are
// loaded into its PyTorch twin (bench/models_pytorch.py, Debian's python3-torch), and
// logits, input gradients, parameter gradients and (training mode) updated BN statistics
// must agree. One Python process serves every case. The twins carry reslab's state-dict
// names, torchvision's for the torchvision-shaped families, and load them strictly
// (torchvision.test.ts checks the names against torchvision itself).
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
import { IMAGE_MODELS } from '../../src/train/imageRun.js';

const PYTHON = process.env.RESLAB_PYTHON ?? '/usr/bin/python3';
const TWIN = fileURLToPath(new URL('../../bench/models_pytorch.py', import.meta.url));
const tol = { atol: 1e-11, rtol: 1e-9 };

const resnet = { family: 'resnet' as const, dims: 2 as const, inChannels: 3, numClasses: 5, layers: [1, 2], strides: [1, 2] };
const cifar = { kind: 'cifar' as const, width: 8 };
const IMAGE = [3, 3, 16, 16];
const SEQ = [3, 3, 32];
type Mode = 'eval' | 'train';
const both: Mode[] = ['eval', 'train'];
// Random training-mode draws (dropout, drop-path) have no counterpart in the twin: those
// cases run in eval mode only.
const CASES: { name: string; config: ModelConfig; modes: Mode[]; input: number[] }[] = [
  // torchvision's ImageNet layout: 7×7/2 stem + max-pool, projection (B) shortcuts.
  { name: 'resnet_v1_basic', modes: both, input: IMAGE, config: { ...resnet, stem: { kind: 'imagenet', width: 8 }, block: 'basic', widths: [8, 16], shortcut: 'B' } },
  { name: 'resnet_v1_basic_A', modes: both, input: IMAGE, config: { ...resnet, stem: cifar, block: 'basic', widths: [8, 16], shortcut: 'A' } },
  { name: 'preact', modes: both, input: IMAGE, config: { ...resnet, stem: { ...cifar, norm: false }, block: 'preact_basic', arrangement: 'e', widths: [8, 16], shortcut: 'B', finalNorm: true } },
  { name: 'wide', modes: ['eval'], input: IMAGE, config: { ...resnet, stem: { ...cifar, norm: false }, block: 'preact_basic', arrangement: 'e', widths: [16, 32], shortcut: 'B', dropout: 0.3, finalNorm: true } },
  { name: 'resnext', modes: both, input: IMAGE, config: { ...resnet, stem: cifar, block: 'bottleneck', widths: [8, 16], groups: 4, baseWidth: 16, shortcut: 'B' } },
  { name: 'densenet_bc', modes: both, input: IMAGE, config: { family: 'densenet', dims: 2, inChannels: 3, numClasses: 5, stem: { ...cifar, norm: false }, growth: 4, blocks: [2, 2], bottleneck: 4, compression: 0.5 } },
  { name: 'densenet_imagenet_stem', modes: both, input: IMAGE, config: { family: 'densenet', dims: 2, inChannels: 3, numClasses: 5, stem: { kind: 'imagenet', width: 8 }, growth: 4, blocks: [2, 1], bottleneck: 4, compression: 0.5 } },
  { name: 'res2net_se', modes: both, input: IMAGE, config: { ...resnet, stem: cifar, block: 'res2net', widths: [8, 16], baseWidth: 16, scale: 4, se: 1, shortcut: 'B' } },
  { name: 'se_resnet', modes: both, input: IMAGE, config: { ...resnet, stem: cifar, block: 'basic', widths: [8, 16], se: 4, shortcut: 'B' } },
  { name: 'rexnet', modes: both, input: IMAGE, config: { family: 'rexnet', dims: 2, inChannels: 3, numClasses: 5, widthMult: 0.25, depthMult: 0.5, stemStride: 1, strides: [1, 2, 1, 2, 1, 1], seRatio: 1 / 4, headDropout: 0 } },
  { name: 'highway', modes: both, input: IMAGE, config: { ...resnet, stem: cifar, block: 'highway', widths: [8, 16], shortcut: 'B' } },
  { name: 'fractalnet', modes: both, input: IMAGE, config: { family: 'fractalnet', dims: 2, inChannels: 3, numClasses: 5, columns: 3, widths: [8, 12], localDrop: 0, globalRatio: 0 } },
  // Huang et al.'s stochastic depth in eval: each branch scaled by its survival probability.
  { name: 'stochastic_depth', modes: ['eval'], input: IMAGE, config: { ...resnet, stem: cifar, block: 'basic', widths: [8, 16], shortcut: 'A', dropPath: { rate: 0.5, mode: 'batch', schedule: 'linear' } } },
  // bench:veit's stochastic-depth net at full depth: 54 pre-activation blocks, survival falling linearly to 0.5.
  { name: 'stochastic_depth_preact110', modes: ['eval'], input: [3, 1, 28, 28], config: { ...IMAGE_MODELS.fmnist_preact110_sd.config(), numClasses: 5 } },
  { name: 'multires', modes: both, input: IMAGE, config: { ...resnet, stem: { ...cifar, norm: false }, block: 'multires', multiplicity: 3, widths: [8, 16], shortcut: 'B', finalNorm: true } },
  { name: 'plain', modes: both, input: IMAGE, config: { ...resnet, stem: cifar, block: 'basic', widths: [8, 16], shortcut: 'none' } },
  { name: 'mlp_resnet', modes: both, input: [3, 12], config: { family: 'mlp_resnet', inFeatures: 12, numClasses: 5, width: 16, hidden: 24, depth: 3 } },
  { name: 'resnet1d', modes: both, input: SEQ, config: { ...resnet, dims: 1, stem: { kind: 'tabular', width: 8, stride: 2 }, block: 'basic', widths: [8, 16], shortcut: 'B' } },
  // The detection presets' pieces: a dense (learned-ordering) stem and the last-day readout.
  { name: 'resnet1d_dense_last', modes: both, input: SEQ, config: { ...resnet, dims: 1, stem: { kind: 'dense', width: 8, length: 16, inFeatures: 96 }, block: 'bottleneck', widths: [4, 8], shortcut: 'B', pool: 'last' } },
  { name: 'grid2d', modes: both, input: [3, 3, 6, 24], config: { ...resnet, stem: { kind: 'tabular', width: 8, stride: [1, 2] }, block: 'basic', widths: [8, 16], strides: [1, [1, 2]], shortcut: 'B' } },
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

const maxAbs = (t: Tensor, want: number[]) => t.toFlatArray().reduce((m, v, i) => Math.max(m, Math.abs(v - want[i])), 0);

test('logits and gradients match the PyTorch twins in float64 (every family)', (t) => {
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
        const x = torch.randn(c.input, { dtype: 'float64' });
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
          t.diagnostic(`${where}: max |Δ| logits ${maxAbs(logits, py.logits).toExponential(1)}, input gradient ${maxAbs(xi.grad!, py.xgrad).toExponential(1)}`);
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

// bench:engine — training steps/s of reslab vs Debian's PyTorch on the same machine, in
// the same run, with the same thread count: ResNet-20 (CIFAR shape) at batch 64 and 128,
// and a tabular ResNet-MLP (100 features, 4 blocks of width 256) at batch 512, where
// per-op overhead dominates. The PyTorch side (engine_pytorch.py) runs in its best
// configuration: eager, NCHW, set_num_threads(THREADS), OPENBLAS_NUM_THREADS=1, and the
// malloc thresholds reslab's addon sets for itself (see lib/anchor.ts).
// Each side runs REPEATS timed windows after a warm-up; the table shows the best window
// (least disturbed by other load) and the median. Ends with one JSON line.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import * as torch from '../src/torch/index.js';
import { F, tidy, type Tensor } from '../src/torch/index.js';
import { SGD, AdamW } from '../src/optim/index.js';
import type { Module } from '../src/nn/index.js';
import { createModel } from '../src/models/index.js';
import { runPythonAnchor, median } from './lib/anchor.js';

const THREADS = Number(process.env.RESLAB_THREADS ?? 2);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const WARMUP = 3;
const quick = process.argv.includes('--quick');

interface Case { name: string; model: 'resnet20' | 'tabular'; batch: number; steps: number }
const CASES: Case[] = [
  { name: 'resnet20_b64', model: 'resnet20', batch: 64, steps: quick ? 2 : 6 },
  { name: 'resnet20_b128', model: 'resnet20', batch: 128, steps: quick ? 2 : 4 },
  { name: 'tabular_b512', model: 'tabular', batch: 512, steps: quick ? 10 : 40 },
];

function timeReslab(c: Case): { ms: number[]; params: number } {
  torch.manualSeed(0);
  let model: Module;
  let x: Tensor, y: Tensor;
  let opt: SGD | AdamW;
  let lossFn: (out: Tensor, y: Tensor) => Tensor;
  if (c.model === 'resnet20') {
    model = createModel('resnet20');
    x = torch.keep(torch.randn([c.batch, 3, 32, 32]));
    y = torch.keep(torch.randint(0, 10, [c.batch]));
    opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9, weightDecay: 5e-4 });
    lossFn = (o, t) => F.crossEntropy(o, t);
  } else {
    model = createModel('tabular_mlp_resnet');
    x = torch.keep(torch.randn([c.batch, 100]));
    y = torch.keep(torch.rand([c.batch]).lt(0.1).float());
    opt = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 1e-2 });
    lossFn = (o, t) => F.binaryCrossEntropyWithLogits(o.squeeze(1), t);
  }
  model.train();
  const step = () => tidy(() => {
    opt.zeroGrad();
    lossFn(model.forward(x), y).backward();
    opt.step();
  });
  for (let i = 0; i < WARMUP; i++) step();
  const ms: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < c.steps; i++) step();
    ms.push((performance.now() - t0) / c.steps);
  }
  const params = model.numParameters();
  opt.dispose();
  model.dispose();
  x.dispose();
  y.dispose();
  return { ms, params };
}

torch.setNumThreads(THREADS);
const here = dirname(fileURLToPath(import.meta.url));
console.log(`bench:engine — ${THREADS} threads, ${REPEATS} windows per case, ms per training step (lower is better)`);
console.log('anchor: Debian python3-torch, eager, NCHW, set_num_threads(%d), OPENBLAS_NUM_THREADS=1, MALLOC_MMAP_THRESHOLD_=32MB\n', THREADS);

const results: Record<string, unknown> = {};
const rows: string[] = [];
for (const c of CASES) {
  // Alternate sides case by case so slow drift in machine load hits both alike.
  const py = runPythonAnchor<Record<string, { ms: number[]; params: number }>>(join(here, 'engine_pytorch.py'), {
    threads: THREADS, warmup: WARMUP, repeats: REPEATS, cases: [c],
  })[c.name];
  const rs = timeReslab(c);
  if (py.params !== rs.params) throw new Error(`${c.name}: parameter counts differ (reslab ${rs.params}, pytorch ${py.params})`);
  const best = { reslab: Math.min(...rs.ms), pytorch: Math.min(...py.ms) };
  const med = { reslab: median(rs.ms), pytorch: median(py.ms) };
  // ratio = reslab speed / pytorch speed = pytorch ms / reslab ms
  const ratio = best.pytorch / best.reslab;
  const ratioMedian = med.pytorch / med.reslab;
  results[c.name] = { params: rs.params, reslab_ms: best.reslab, pytorch_ms: best.pytorch, ratio, ratio_median: ratioMedian,
    reslab_ms_windows: rs.ms, pytorch_ms_windows: py.ms };
  rows.push(`${c.name.padEnd(15)} ${String(rs.params).padStart(9)}  ${best.reslab.toFixed(1).padStart(9)} ${best.pytorch.toFixed(1).padStart(9)}  ${ratio.toFixed(2).padStart(6)}  ${ratioMedian.toFixed(2).padStart(8)}`);
}
console.log('case               params  reslab ms  torch ms   ratio  (median)');
for (const r of rows) console.log(r);
console.log('\nratio = reslab steps/s / pytorch steps/s (best window); targets: >= 1.0 resnet20, >= 1.3 tabular');
console.log(JSON.stringify({ bench: 'engine', threads: THREADS, repeats: REPEATS, cases: results }));

// bench:engine — training steps/s of reslab vs Debian's PyTorch on the same machine, in
// the same run, with the same thread count: ResNet-20 (CIFAR shape) at batch 64 and 128,
// and a tabular ResNet-MLP (100 features, 4 blocks of width 256) at batch 512, where
// per-op overhead matters most. The PyTorch side (engine_pytorch.py) runs eager, NCHW,
// set_num_threads(THREADS), with the malloc thresholds reslab's addon sets for itself
// (lib/anchor.ts); both sides run under each thread configuration below and are compared
// at their own best. Each side runs REPEATS timed windows after a warm-up; the table
// shows the best window (least disturbed by other load) and the median ratio. Ends with
// one JSON line.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import * as torch from '../src/torch/index.js';
import { F, tidy, type Tensor } from '../src/torch/index.js';
import { SGD, AdamW } from '../src/optim/index.js';
import type { Module } from '../src/nn/index.js';
import { createModel } from '../src/models/index.js';
import { runPythonAnchor, runNodeChild, median } from './lib/anchor.js';

const THREADS = Number(process.env.RESLAB_THREADS ?? 2); // the anchor compares at 2 threads unless told
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

// Thread settings read when OpenBLAS and libgomp load, so each runs in its own child
// process on both sides. Which is best depends on the workload: one OpenBLAS thread
// beside libgomp's spinning workers suits convolutions (oneDNN runs on OpenMP); two
// OpenBLAS threads with sleeping OpenMP workers let GEMM-bound MLPs use both cores.
const CONFIGS: { name: string; env: Record<string, string> }[] = [
  { name: 'blas1', env: { OPENBLAS_NUM_THREADS: '1' } },
  { name: 'blas2+passive', env: { OPENBLAS_NUM_THREADS: '2', OMP_WAIT_POLICY: 'PASSIVE' } },
];

type Timing = { ms: number[]; params: number };
const childArg = process.argv.indexOf('--child');
if (childArg >= 0) {
  // Child mode: time one case under the environment the parent set, print one JSON line.
  torch.setNumThreads(THREADS);
  console.log(JSON.stringify(timeReslab(JSON.parse(process.argv[childArg + 1]) as Case)));
} else {
  main();
}

function main(): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const self = fileURLToPath(import.meta.url);
  console.log(`bench:engine — ${THREADS} threads, ${REPEATS} windows per case and configuration, ms per training step (lower is better)`);
  console.log(`anchor: Debian python3-torch, eager, NCHW, set_num_threads(${THREADS}), MALLOC_MMAP_THRESHOLD_=32MB (as reslab); both sides`);
  console.log(`run under each thread configuration (${CONFIGS.map((c) => c.name).join(', ')}) and are compared at their own best.\n`);
  const results: Record<string, unknown> = {};
  const detail: string[] = [];
  const rows: string[] = [];
  for (const c of CASES) {
    const per: Record<string, { reslab: Timing; pytorch: Timing }> = {};
    for (const cfg of CONFIGS) {
      // Alternate sides so slow drift in machine load hits both alike.
      const pytorch = runPythonAnchor<Record<string, Timing>>(join(here, 'engine_pytorch.py'), {
        threads: THREADS, warmup: WARMUP, repeats: REPEATS, cases: [c],
      }, cfg.env)[c.name];
      const reslab = runNodeChild<Timing>(self, ['--child', JSON.stringify(c)], cfg.env);
      if (pytorch.params !== reslab.params) throw new Error(`${c.name}: parameter counts differ (reslab ${reslab.params}, pytorch ${pytorch.params})`);
      per[cfg.name] = { reslab, pytorch };
      detail.push(`${c.name.padEnd(15)} ${cfg.name.padEnd(14)} ${Math.min(...reslab.ms).toFixed(1).padStart(9)} ${Math.min(...pytorch.ms).toFixed(1).padStart(9)}`);
    }
    const bestOf = (side: 'reslab' | 'pytorch') => CONFIGS.map((cfg) => ({ cfg: cfg.name, ms: Math.min(...per[cfg.name][side].ms), med: median(per[cfg.name][side].ms) }))
      .reduce((a, b) => (b.ms < a.ms ? b : a));
    const r = bestOf('reslab'), p = bestOf('pytorch');
    // ratio = reslab speed / pytorch speed = pytorch ms / reslab ms
    const ratio = p.ms / r.ms;
    const ratioMedian = p.med / r.med;
    const params = per[CONFIGS[0].name].reslab.params;
    results[c.name] = { params, reslab_ms: r.ms, reslab_config: r.cfg, pytorch_ms: p.ms, pytorch_config: p.cfg, ratio, ratio_median: ratioMedian,
      windows: Object.fromEntries(Object.entries(per).map(([k, v]) => [k, { reslab_ms: v.reslab.ms, pytorch_ms: v.pytorch.ms }])) };
    rows.push(`${c.name.padEnd(15)} ${String(params).padStart(9)}  ${r.ms.toFixed(1).padStart(9)} ${r.cfg.padEnd(14)} ${p.ms.toFixed(1).padStart(9)} ${p.cfg.padEnd(14)} ${ratio.toFixed(2).padStart(6)}  ${ratioMedian.toFixed(2).padStart(8)}`);
  }
  console.log('case            config          reslab ms  torch ms');
  for (const d of detail) console.log(d);
  console.log('\ncase               params  reslab ms (best config)    torch ms (best config)      ratio  (median)');
  for (const r of rows) console.log(r);
  console.log('\nratio = reslab steps/s / pytorch steps/s, each side at its best configuration and window; targets: >= 1.0 resnet20, >= 1.3 tabular');
  console.log(JSON.stringify({ bench: 'engine', threads: THREADS, repeats: REPEATS, configs: CONFIGS, cases: results }));
}

// bench:models — forward + backward throughput (samples/s) of zoo models against the
// same architectures in Debian's PyTorch (bench/models_pytorch.py), run in this process's
// thread count with the settings reslab applies to itself on both sides (lib/anchor.ts;
// each also makes PyTorch faster here). Ends stdout with one JSON line of the figures.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import * as torch from '../src/torch/index.js';
import { F } from '../src/torch/index.js';
import { createModel } from '../src/models/index.js';
import { runPythonAnchor } from './lib/anchor.js';

type Case = [name: string, batch: number, shape: number[], iters: number, warmup: number];
const quick = process.argv.includes('--quick');
const cases: Case[] = [
  ['resnet20', 64, [3, 32, 32], quick ? 3 : 10, 2],
  ['resnet20', 128, [3, 32, 32], quick ? 2 : 6, 2],
  ['tabular_mlp_resnet', 512, [100], quick ? 10 : 40, 3],
  ['tabular_resnet2d', 512, [1, 5, 30], quick ? 2 : 6, 2],
];

function benchReslab([name, batch, shape, iters, warmup]: Case) {
  torch.manualSeed(0);
  const model = createModel(name, { input: shape });
  model.train();
  const classes = name === 'resnet20' ? 10 : 1;
  const x = torch.keep(torch.randn([batch, ...shape]));
  const y = torch.keep(classes > 1 ? torch.randint(0, classes, [batch]) : torch.rand([batch, 1]).round());
  const params = model.parameters();
  const step = () => torch.tidy(() => {
    for (const p of params) p.grad = null;
    const out = model.forward(x);
    const loss = classes > 1 ? F.crossEntropy(out, y) : F.binaryCrossEntropyWithLogits(out, y);
    loss.backward();
  });
  for (let i = 0; i < warmup; i++) step();
  const t = performance.now();
  for (let i = 0; i < iters; i++) step();
  const dt = (performance.now() - t) / 1000;
  const n = model.numParameters();
  for (const p of params) p.grad = null;
  model.dispose();
  x.dispose();
  y.dispose();
  return { name, batch, params: n, ms_per_step: (1000 * dt) / iters, samples_per_s: (batch * iters) / dt };
}

const threads = torch.getNumThreads();
const here = dirname(fileURLToPath(import.meta.url));
const anchor = runPythonAnchor<{ threads: number; torch: string; cases: ReturnType<typeof benchReslab>[] }>(
  join(here, 'models_pytorch.py'), { threads, cases });
const ours = cases.map(benchReslab);

const rows = ours.map((r, i) => {
  const a = anchor.cases[i];
  return { ...r, pytorch_samples_per_s: a.samples_per_s, pytorch_ms_per_step: a.ms_per_step, pytorch_params: a.params, params_equal: a.params === r.params, ratio: r.samples_per_s / a.samples_per_s };
});
console.log(`bench:models — forward+backward, ${threads} threads, same OpenBLAS/OpenMP/malloc settings both sides; PyTorch ${anchor.torch} (${anchor.threads} threads)`);
console.log('model                batch     params  reslab samples/s  pytorch samples/s   ratio');
for (const r of rows) {
  console.log(`${r.name.padEnd(19)} ${String(r.batch).padStart(6)} ${String(r.params).padStart(10)}${r.params_equal ? ' ' : '!'} ${r.samples_per_s.toFixed(0).padStart(17)} ${r.pytorch_samples_per_s.toFixed(0).padStart(18)} ${r.ratio.toFixed(2).padStart(7)}`);
}
const mismatched = rows.filter((r) => !r.params_equal);
if (mismatched.length) console.log(`! parameter counts differ for ${mismatched.map((r) => r.name).join(', ')}: the twins are not the same architecture`);
console.log(JSON.stringify({ bench: 'models', threads, pytorch: anchor.torch, cases: rows }));
if (mismatched.length) process.exitCode = 1;

// bench:gnn — size and speed of the GNN baselines (gcn, graphsage, gcn_ae): parameters,
// graph building, seconds per training epoch and scoring, measured on a synthetic
// organisation at two sizes and extrapolated to r4.2's scale (1,000 users, 500 days,
// ~300 k user-days, 700 features). Not a quality benchmark: labels are a weak planted
// signal only so the supervised detectors have two classes. Ends stdout with one JSON line.
//
// Cost model used for the extrapolation: an epoch runs the first layer's matmul on every
// row ([rows, F+1]×[F+1, hidden]; absent users are zero nodes and skipped), then
// propagates every period's U nodes with a sparse product over the edges; both grow with
// periods × users (rows per user-period and edges per user are about constant), so
// seconds per epoch are scaled by the node count. The two measured sizes show how well
// that holds. The detectors also cap an epoch count by steps (maxSteps, 800): at r4.2's
// size that is 12 epochs, which bench:baselines:scale measures for real.
//
//   OMP_WAIT_POLICY=PASSIVE node --import tsx bench/gnn.ts [--users 100,200] [--days 40]
//        [--features 700] [--epochs 2] [--seed 1]
import { execSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { TabularData } from '../src/baselines/index.js';
import { GNNDetector, GNN_DETECTORS, windowGraphs } from '../src/baselines/gnn/index.js';
import type { EdgeList, GraphContext } from '../src/baselines/graph/types.js';
import { Rng } from '../src/util/rng.js';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '100,200' },
    days: { type: 'string', default: '40' },
    features: { type: 'string', default: '700' },
    epochs: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
  },
});
const DAYS = Number(args.days), F = Number(args.features), EPOCHS = Number(args.epochs), SEED = Number(args.seed);
const TARGET = { users: 1000, days: 500, rows: 300_000 };
const ACTIVE = TARGET.rows / (TARGET.users * TARGET.days); // share of user-days with a row, as in r4.2

/**
 * U users in departments of 20, each with 12 regular contacts (mostly in the department)
 * mailing ~6 of them a day; each has a PC, and 2 % of user-days log on to a colleague's.
 */
function organisation(U: number, days: number): { data: TabularData; labels: Uint8Array } {
  const rng = new Rng(SEED, U, 0x6e11);
  const users = Array.from({ length: U }, (_, u) => `U${u}`);
  const contacts = users.map((_, u) => Array.from({ length: 12 }, () => {
    const dept = Math.floor(u / 20) * 20;
    return rng.float() < 0.8 ? Math.min(U - 1, dept + rng.int(20)) : rng.int(U);
  }));
  const rowsUser: number[] = [], rowsTime: number[] = [];
  const mail: number[][] = [[], [], [], []], pc: number[][] = [[], [], [], []];
  for (let d = 0; d < days; d++) {
    for (let u = 0; u < U; u++) {
      if (rng.float() >= ACTIVE) continue;
      rowsUser.push(u); rowsTime.push(d);
      for (let k = 0; k < 6; k++) { mail[0].push(u); mail[1].push(contacts[u][rng.int(12)]); mail[2].push(d); mail[3].push(1); }
      const host = rng.float() < 0.02 ? contacts[u][rng.int(12)] : u;
      pc[0].push(u); pc[1].push(host); pc[2].push(d); pc[3].push(1);
    }
  }
  const n = rowsUser.length;
  const x = new Float32Array(n * F);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < F; j++) x[i * F + j] = rng.normal();
    labels[i] = rng.float() < 0.01 ? 1 : 0;
    if (labels[i]) x[i * F] += 2;
  }
  const list = (kind: 'email' | 'pc', e: number[][], targets: string[]): EdgeList => ({
    kind, targets, user: Int32Array.from(e[0]), target: Int32Array.from(e[1]), day: Int32Array.from(e[2]), count: Float32Array.from(e[3]),
  });
  const context: GraphContext = {
    users, user: Int32Array.from(rowsUser), time: Int32Array.from(rowsTime),
    edges: [list('email', mail, users), list('pc', pc, users.map((u) => `PC-${u}`))],
  };
  return { data: { x, n, f: F, context }, labels };
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

interface Row { detector: string; users: number; days: number; rows: number; nodes: number; edgesPerPeriod: number; params: number; graphSeconds: number; epochSeconds: number; scoreSeconds: number }

const results: Row[] = [];
for (const U of args.users.split(',').map(Number)) {
  const { data, labels } = organisation(U, DAYS);
  const ctx = data.context!;
  const starts = Int32Array.from(new Set(ctx.time)).sort();
  let t0 = performance.now();
  const graphs = windowGraphs(ctx, starts, 1, { windowDays: 28, maxPcUsers: 50, kinds: new Set(['email', 'pc']) });
  const graphSeconds = seconds(t0);
  const edgesPerPeriod = graphs.reduce((s, g) => s + g.a.length, 0) / graphs.length;
  for (const name of GNN_DETECTORS) {
    const d = new GNNDetector(name, { epochs: EPOCHS });
    t0 = performance.now();
    d.fit(data, d.supervised ? labels : undefined, { seed: SEED });
    const fitSeconds = seconds(t0);
    t0 = performance.now();
    d.score(data);
    const scoreSeconds = seconds(t0);
    // fit = graphs + epochs; score = graphs + one forward pass.
    results.push({ detector: name, users: U, days: DAYS, rows: data.n, nodes: U * starts.length, edgesPerPeriod, params: d.numParameters(), graphSeconds, epochSeconds: (fitSeconds - graphSeconds) / EPOCHS, scoreSeconds });
    d.dispose();
  }
}

const targetNodes = TARGET.users * TARGET.days;
const load = execSync('uptime').toString().trim().replace(/.*load average: /, '');
console.log(`GNN baselines, ${F} features, ${DAYS} days, hidden 64, 8 periods per step, 28-day windows; ${EPOCHS} epoch(s) timed; load average ${load}`);
console.log('detector   users  rows    nodes   edges/period  params    graphs s  s/epoch  score s  → s/epoch at 1,000 users × 500 days');
for (const r of results) {
  const scale = targetNodes / r.nodes;
  console.log(`${r.detector.padEnd(10)} ${String(r.users).padStart(5)}  ${String(r.rows).padStart(6)}  ${String(r.nodes).padStart(6)}  ${r.edgesPerPeriod.toFixed(0).padStart(12)}  ${String(r.params).padStart(7)}  ${r.graphSeconds.toFixed(2).padStart(8)}  ${r.epochSeconds.toFixed(2).padStart(7)}  ${r.scoreSeconds.toFixed(2).padStart(7)}  ${(r.epochSeconds * scale).toFixed(0).padStart(6)} (×${scale.toFixed(0)})`);
}
const largest = Math.max(...results.map((r) => r.nodes));
const projection = Object.fromEntries(GNN_DETECTORS.map((name) => {
  const r = results.find((x) => x.detector === name && x.nodes === largest)!;
  const scale = targetNodes / r.nodes;
  return [name, { params: r.params, epochSeconds: r.epochSeconds * scale, graphSeconds: r.graphSeconds * scale, scoreSeconds: r.scoreSeconds * scale }];
}));
console.log(JSON.stringify({ bench: 'gnn', features: F, days: DAYS, epochs: EPOCHS, load, results, projection: { target: TARGET, fromNodes: largest, ...projection } }));

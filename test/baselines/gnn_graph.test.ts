// The GNN baselines' graph plumbing against hand-computed answers: which log edges fall in
// a period's window and with what weight, the two normalisations, and edge-list
// propagation (values and gradients) against a dense Â on the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcnNorm, meanNorm, windowGraphs, type UserGraph } from '../../src/baselines/gnn/index.js';
import { graphBatch } from '../../src/baselines/gnn/batch.js';
import { GCNConv, propagate, SAGEConv } from '../../src/baselines/gnn/layers.js';
import { inferPeriodDays } from '../../src/baselines/gnn/periods.js';
import type { EdgeKind, EdgeList, GraphContext } from '../../src/baselines/graph/types.js';
import { Rng } from '../../src/util/rng.js';
import * as torch from '../../src/torch/index.js';

const USERS = ['A', 'B', 'C', 'D'];
const [A, B, C, D] = [0, 1, 2, 3];

function edges(kind: EdgeKind, targets: string[], list: [user: number, target: number, day: number, count: number][]): EdgeList {
  return {
    kind, targets,
    user: Int32Array.from(list, (e) => e[0]), target: Int32Array.from(list, (e) => e[1]),
    day: Int32Array.from(list, (e) => e[2]), count: Float32Array.from(list, (e) => e[3]),
  };
}

// Listed out of day order on purpose: the window code must not rely on the caller's order.
const ctx: GraphContext = {
  users: USERS, user: new Int32Array(0), time: new Int32Array(0),
  edges: [
    edges('email', USERS, [[A, C, 15, 5], [A, B, 10, 3], [B, A, 11, 1], [C, D, 12, 2], [A, A, 11, 9]]),
    edges('pc', ['p0', 'p1', 'p2'], [[A, 0, 11, 1], [B, 0, 11, 2], [A, 1, 12, 1], [B, 1, 12, 1], [C, 1, 12, 4], [D, 2, 12, 1]]),
    edges('web', ['x.com'], [[A, 0, 11, 1], [B, 0, 11, 1]]),
  ],
};

function asMap(g: UserGraph): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < g.a.length; i++) {
    assert.ok(g.a[i] < g.b[i], 'pairs are listed once, a < b');
    out[USERS[g.a[i]] + USERS[g.b[i]]] = g.w[i];
  }
  return out;
}

function close(got: Record<string, number>, want: Record<string, number>): void {
  assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort());
  for (const k of Object.keys(want)) assert.ok(Math.abs(got[k] - want[k]) < 1e-6, `${k}: ${got[k]} vs ${want[k]}`);
}

const both = { windowDays: 2, maxPcUsers: 50, kinds: new Set<EdgeKind>(['email', 'pc']) };

test('windowGraphs: each period sees its own and the previous days only, log1p mail and 1/(k-1) per shared PC', () => {
  const [g11, g12, g15] = windowGraphs(ctx, [11, 12, 15], 1, both);
  // Days 10-11: mail A-B both ways (3 + 1), PC p0 shared by A and B. Day 12's and 15's edges are future.
  close(asMap(g11), { AB: Math.log1p(4) + 1 });
  // Days 11-12: one mail B→A, C→D twice; p0 {A,B} adds 1, p1 {A,B,C} adds 1/2 per pair; self-mail and web ignored.
  close(asMap(g12), { AB: Math.log1p(1) + 1.5, AC: 0.5, BC: 0.5, CD: Math.log1p(2) });
  // Days 14-15: A→C only; everything before has left the window.
  close(asMap(g15), { AC: Math.log1p(5) });
});

test('windowGraphs: PC crowds, kinds, and week-long periods', () => {
  close(asMap(windowGraphs(ctx, [12], 1, { ...both, maxPcUsers: 2 })[0]), { AB: Math.log1p(1) + 1, CD: Math.log1p(2) });
  close(asMap(windowGraphs(ctx, [12], 1, { ...both, kinds: new Set<EdgeKind>(['email']) })[0]), { AB: Math.log1p(1), CD: Math.log1p(2) });
  // A week from day 9 covers days 9-15 even with a shorter window: every edge.
  close(asMap(windowGraphs(ctx, [9], 7, both)[0]), { AB: Math.log1p(4) + 1.5, AC: 0.5 + Math.log1p(5), BC: 0.5, CD: Math.log1p(2) });
  assert.throws(() => windowGraphs(ctx, [12, 11], 1, both), /ascending/);
});

test('inferPeriodDays: days, weeks, a single period', () => {
  assert.equal(inferPeriodDays(Int32Array.from([3, 4, 6])), 1);
  assert.equal(inferPeriodDays(Int32Array.from([0, 7, 21])), 7);
  assert.equal(inferPeriodDays(Int32Array.from([5])), 1);
});

/** A seeded random weighted graph on U users. */
function randomGraph(U: number, seed: number): UserGraph {
  const rng = new Rng(seed, 0x9a);
  const a: number[] = [], b: number[] = [], w: number[] = [];
  for (let i = 0; i < U; i++) for (let j = i + 1; j < U; j++) if (rng.float() < 0.3) { a.push(i); b.push(j); w.push(0.2 + 2 * rng.float()); }
  return { a: Int32Array.from(a), b: Int32Array.from(b), w: Float32Array.from(w) };
}

/** Dense Â (GCN: D^-1/2 (A+I) D^-1/2; mean: D^-1 A), computed independently in float64. */
function dense(g: UserGraph, U: number, gcn: boolean): Float32Array {
  const A = new Float64Array(U * U);
  for (let i = 0; i < g.a.length; i++) { A[g.a[i] * U + g.b[i]] = g.w[i]; A[g.b[i] * U + g.a[i]] = g.w[i]; }
  if (gcn) for (let i = 0; i < U; i++) A[i * U + i] += 1;
  const deg = Array.from({ length: U }, (_, i) => A.subarray(i * U, (i + 1) * U).reduce((s, v) => s + v, 0));
  return Float32Array.from(A, (v, k) => {
    const i = Math.floor(k / U), j = k % U;
    return v === 0 ? 0 : gcn ? v / Math.sqrt(deg[i] * deg[j]) : v / deg[i];
  });
}

for (const gcn of [true, false]) {
  test(`propagate with ${gcn ? 'gcnNorm' : 'meanNorm'}: two periods at once equal dense Â·H per period, values and gradients`, () => {
    const U = 7, width = 3;
    // The second period's last user has no edges: only its self-loop (GCN) or nothing (mean).
    const g2 = randomGraph(U, 2);
    const keep = [...g2.b.keys()].filter((i) => g2.b[i] !== U - 1);
    const graphs = [randomGraph(U, 1), { a: Int32Array.from(keep, (i) => g2.a[i]), b: Int32Array.from(keep, (i) => g2.b[i]), w: Float32Array.from(keep, (i) => g2.w[i]) }];
    const norm = gcn ? gcnNorm : meanNorm;
    torch.tidy(() => {
      const h = torch.randn([2 * U, width]).requiresGrad_(true);
      const out = propagate(h, graphBatch(graphs.map((g) => norm(g, U)), U));
      const weights = torch.randn([2 * U, width]);
      out.mul(weights).sum().backward();
      const h2 = h.detach().requiresGrad_(true);
      const ref = torch.cat(graphs.map((g, b) => torch.tensor(dense(g, U, gcn), { shape: [U, U] }).matmul(h2.narrow(0, b * U, U))), 0);
      ref.mul(weights).sum().backward();
      assert.ok(out.sub(ref).abs().max().item() as number < 1e-5, 'values');
      assert.ok(h.grad!.sub(h2.grad!).abs().max().item() as number < 1e-5, 'gradients');
    });
  });
}

test('meanNorm: a node with neighbours averages them (weights sum to 1); an isolated node gets 0', () => {
  const g: UserGraph = { a: Int32Array.from([0, 0]), b: Int32Array.from([1, 2]), w: Float32Array.from([1, 3]) };
  const out = torch.tidy(() => propagate(torch.tensor([[10], [20], [40], [80]]), graphBatch([meanNorm(g, 4)], 4)).dataSync());
  assert.deepEqual([...out], [(1 * 20 + 3 * 40) / 4, 10, 10, 0]);
});

test('SAGEConv: rows come out with unit L2 norm, an all-zero row stays zero', () => {
  torch.manualSeed(1);
  const layer = new SAGEConv(3, 5);
  const g: UserGraph = { a: Int32Array.from([0]), b: Int32Array.from([1]), w: Float32Array.from([1]) };
  const norms = torch.tidy(() => {
    // Weights and bias set so the isolated zero row 2 maps to relu(-1) = 0 and the others to positive values.
    torch.noGrad(() => { layer.self.weight.fill_(0.5); layer.neigh.weight.fill_(0.5); layer.self.bias!.fill_(-1); });
    const y = layer.forward(torch.tensor([[1, 2, 3], [3, 2, 1], [0, 0, 0]]), graphBatch([meanNorm(g, 3)], 3));
    return y.norm(2, 1).dataSync() as Float32Array;
  });
  assert.ok(Math.abs(norms[0] - 1) < 1e-5 && Math.abs(norms[1] - 1) < 1e-5, `norms ${[...norms]}`);
  assert.equal(norms[2], 0);
  layer.dispose();
});

for (const kind of ['gcn', 'sage'] as const) {
  test(`${kind === 'gcn' ? 'GCNConv' : 'SAGEConv'}: the present nodes' rows alone give what the dense node matrix with zero absent nodes gives, values and weight gradients`, () => {
    torch.manualSeed(3);
    const U = 7, fin = 4, fout = 5;
    const layer = kind === 'gcn' ? new GCNConv(fin, fout) : new SAGEConv(fin, fout);
    const g = graphBatch([(kind === 'gcn' ? gcnNorm : meanNorm)(randomGraph(U, 4), U)], U);
    const present = [5, 0, 3, 2]; // out of order, as a batch's rows are
    torch.tidy(() => {
      const rng = new Rng(3);
      const values = Float32Array.from({ length: present.length * fin }, () => rng.normal());
      const dense = new Float32Array(U * fin);
      present.forEach((u, r) => dense.set(values.subarray(r * fin, (r + 1) * fin), u * fin));
      const rows = torch.tensor(values, { shape: [present.length, fin] });
      const nodes = torch.tensor(Int32Array.from(present), { dtype: 'int64' });
      const denseX = torch.tensor(dense, { shape: [U, fin] });
      const weights = torch.randn([U, fout]);
      const grads = (x: Parameters<typeof layer.forward>[0]) => {
        layer.zeroGrad();
        const y = layer.forward(x, g);
        y.mul(weights).sum().backward();
        return { y: y.detach(), grads: layer.parameters().map((p) => p.grad!.clone()) };
      };
      const a = grads({ rows, nodes, n: U });
      const b = grads(denseX);
      assert.ok(a.y.sub(b.y).abs().max().item() as number < 1e-5, 'values');
      a.grads.forEach((ga, i) => assert.ok(ga.sub(b.grads[i]!).abs().max().item() as number < 1e-5, `gradient ${i}`));
    });
    layer.dispose();
  });
}

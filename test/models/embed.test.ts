// Numeric feature embeddings (src/models/embed.ts): output shapes, every output element
// against the paper's formula computed here element by element (which also pins where
// each feature's values are read from and its d dims written to), gradients by finite
// differences, and the embedding's share of a model's MACs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { NumericEmbedding, createModel, profileModel, type EmbedSpec, type MLPResNetConfig } from '../../src/models/index.js';
import { gradcheck } from '../helpers/gradcheck.js';
import { assertClose } from '../helpers/close.js';

function withEmbedding(spec: EmbedSpec, fn: (e: NumericEmbedding) => void): void {
  torch.manualSeed(4);
  const e = new NumericEmbedding(spec);
  try {
    torch.tidy(() => fn(e));
  } finally {
    e.dispose();
  }
}

/** relu(v · W[n] + b[n]) per feature, with v = [sin 2πcx, cos 2πcx] (periodic) or the T values (ple). */
function expected(e: NumericEmbedding, values: number[][][]): number[][][] {
  const W = e.linear.weight.toFlatArray(), b = e.linear.bias!.toFlatArray();
  const [N, K, d] = e.linear.weight.shape;
  const c = e.periodic?.frequencies.toFlatArray();
  return values.map((row) => row.map((x, n) => {
    const v = c ? [...Array.from({ length: K / 2 }, (_, k) => Math.sin(2 * Math.PI * c[n * (K / 2) + k] * x[0])), ...Array.from({ length: K / 2 }, (_, k) => Math.cos(2 * Math.PI * c[n * (K / 2) + k] * x[0]))] : x;
    assert.equal(n < N, true);
    return Array.from({ length: d }, (_, j) => Math.max(0, b[n * d + j] + v.reduce((s, vk, k) => s + vk * W[(n * K + k) * d + j], 0)));
  }));
}

test('periodic, flat: [B, N] → [B, N·d], feature n in dims n·d … n·d + d - 1, equal to relu(Linear_n([sin 2πc_n x, cos 2πc_n x]))', () => {
  withEmbedding({ kind: 'periodic', dim: 4, frequencies: 3, sigma: 0.7, input: [5] }, (e) => {
    const x = torch.randn([6, 5]);
    const y = e.forward(x);
    assert.deepEqual(y.shape, [6, 20]);
    assert.deepEqual(e.outputShape, [20]);
    const xs = x.toArray() as number[][];
    assertClose(y, expected(e, xs.map((r) => r.map((v) => [v]))).flat(2), { atol: 1e-5, rtol: 1e-4 });
  });
});

test('periodic, grid: [C + mask, H, W] → [C·d + mask, H, W]; cell (c, h, w) is feature c·HW + h·W + w, its dims channels c·d …, the mask passed through', () => {
  const [C, H, W, d] = [2, 2, 3, 4];
  withEmbedding({ kind: 'periodic', dim: d, frequencies: 2, sigma: 0.5, passthrough: 1, input: [C + 1, H, W] }, (e) => {
    const x = torch.randn([3, C + 1, H, W]);
    const y = e.forward(x);
    assert.deepEqual(y.shape, [3, C * d + 1, H, W]);
    assert.deepEqual(e.outputShape, [C * d + 1, H, W]);
    assert.deepEqual(y.select(1, C * d).toFlatArray(), x.select(1, C).toFlatArray());
    const xs = x.toArray() as number[][][][];
    const want = expected(e, xs.map((s) => Array.from({ length: C * H * W }, (_, n) => [s[Math.floor(n / (H * W))][Math.floor((n % (H * W)) / W)][n % W]])));
    const got = y.toArray() as number[][][][];
    want.forEach((s, b) => s.forEach((dims, n) => dims.forEach((v, j) => {
      const c = Math.floor(n / (H * W)), h = Math.floor((n % (H * W)) / W), w = n % W;
      assert.ok(Math.abs(got[b][c * d + j][h][w] - v) < 1e-5, `sample ${b} cell ${c},${h},${w} dim ${j}`);
    })));
  });
});

test('ple: flat [B, N·T] reads feature n from values n·T …; a sequence [C·T, L] reads channel c·T + t as component t of cell (c, l)', () => {
  const T = 3, d = 2;
  withEmbedding({ kind: 'ple', dim: d, bins: T, input: [4 * T] }, (e) => {
    const x = torch.rand([5, 4 * T]);
    const xs = x.toArray() as number[][];
    assertClose(e.forward(x), expected(e, xs.map((r) => Array.from({ length: 4 }, (_, n) => r.slice(n * T, n * T + T)))).flat(2), { atol: 1e-5, rtol: 1e-4 });
  });
  const [C, L] = [2, 5];
  withEmbedding({ kind: 'ple', dim: d, bins: T, input: [C * T, L] }, (e) => {
    const x = torch.rand([2, C * T, L]);
    const y = e.forward(x).toArray() as number[][][];
    const xs = x.toArray() as number[][][];
    const want = expected(e, xs.map((s) => Array.from({ length: C * L }, (_, n) => Array.from({ length: T }, (_, t) => s[Math.floor(n / L) * T + t][n % L]))));
    want.forEach((s, b) => s.forEach((dims, n) => dims.forEach((v, j) => assert.ok(Math.abs(y[b][Math.floor(n / L) * d + j][n % L] - v) < 1e-5))));
  });
});

test('periodic embedding: gradients reach the input, the frequencies and the per-feature linear (finite differences, float64)', () => {
  for (const spec of [{ input: [3] }, { input: [3, 2, 2], passthrough: 1 }]) {
    withEmbedding({ kind: 'periodic', dim: 3, frequencies: 2, sigma: 0.5, ...spec }, (e) => {
      e.to('float64');
      const x = torch.randn([2, ...spec.input], { dtype: 'float64', requiresGrad: true });
      const params = [e.periodic!.frequencies, e.linear.weight, e.linear.bias!];
      gradcheck((xx) => e.forward(xx), [x, ...params]);
      // And every parameter gets a nonzero gradient from one backward.
      e.forward(x).sum().backward();
      for (const p of params) assert.ok(p.grad!.abs().sum().item() > 0);
    });
  }
});

test('ple embedding: gradients by finite differences (float64)', () => {
  withEmbedding({ kind: 'ple', dim: 3, bins: 2, input: [6] }, (e) => {
    e.to('float64');
    const x = torch.rand([2, 6], { dtype: 'float64', requiresGrad: true });
    gradcheck((xx) => e.forward(xx), [x, e.linear.weight, e.linear.bias!]);
  });
});

test('an input that does not split into whole features is refused', () => {
  assert.throws(() => new NumericEmbedding({ kind: 'ple', dim: 2, bins: 3, input: [10] }), /does not split into features of 3 value/);
  assert.throws(() => new NumericEmbedding({ kind: 'ple', dim: 2, bins: 2, passthrough: 1, input: [4, 5] }), /does not split/);
  assert.throws(() => new NumericEmbedding({ kind: 'periodic', dim: 2 }), /input shape is not set/);
});

test("a model's MACs and parameters include its embedding: N·T·d for the per-feature linears, and the stem reads N·d", () => {
  const N = 30, T = 4, d = 8;
  const plain = createModel('detect_mlp_resnet', { input: [N] });
  const ple = createModel('detect_mlp_resnet', { input: [N * T], overrides: { embed: { kind: 'ple', dim: d, bins: T } } });
  const periodic = createModel('detect_mlp_resnet', { input: [N], overrides: { embed: { kind: 'periodic', dim: d, frequencies: 5, sigma: 0.5 } } });
  try {
    const width = (plain.config as MLPResNetConfig).width;
    const base = profileModel(plain, [N]);
    const stem = (N * d - N) * width;
    assert.equal(profileModel(ple, [N * T]).macs - base.macs, N * T * d + stem);
    assert.equal(ple.numParameters() - plain.numParameters(), N * T * d + N * d + stem);
    assert.equal(profileModel(periodic, [N]).macs - base.macs, N * 10 * d + stem);
    assert.equal(periodic.numParameters() - plain.numParameters(), N * 5 + N * 10 * d + N * d + stem);
  } finally {
    for (const m of [plain, ple, periodic]) m.dispose();
  }
});

test('scale (RealMLP): the input keeps its shape and starts unchanged; feature n is multiplied by its own weight; the grid mask passes through', () => {
  for (const input of [[12], [3, 2, 4]]) {
    withEmbedding({ kind: 'scale', dim: 1, input, ...(input.length > 1 ? { passthrough: 1 } : {}) }, (e) => {
      assert.deepEqual(e.outputShape, input);
      const x = torch.randn([4, ...input]);
      assertClose(e.forward(x), x, { rtol: 0, atol: 0 }, 'identity at initialisation');
      torch.noGrad(() => e.linear.weight.copy_(torch.arange(1, e.features + 1, 1, { dtype: 'float32' }).view([e.features, 1, 1])));
      const y = e.forward(x).toArray() as number[] | number[][][][];
      const xs = x.toArray() as number[] | number[][][][];
      if (input.length === 1) {
        const yy = y as unknown as number[][], xx = xs as unknown as number[][];
        for (let b = 0; b < 4; b++) for (let n = 0; n < 12; n++) assert.ok(Math.abs(yy[b]![n]! - (n + 1) * xx[b]![n]!) < 1e-5);
      } else {
        const yy = y as number[][][][], xx = xs as number[][][][];
        // Value channels 0–1: cell (c, h, w) is feature c·8 + h·4 + w; channel 2 is the mask.
        for (let b = 0; b < 4; b++) for (let c = 0; c < 3; c++) for (let h = 0; h < 2; h++) for (let w = 0; w < 4; w++) {
          const want = c < 2 ? (c * 8 + h * 4 + w + 1) * xx[b]![c]![h]![w]! : xx[b]![c]![h]![w]!;
          assert.ok(Math.abs(yy[b]![c]![h]![w]! - want) < 1e-5, `b ${b} cell ${c},${h},${w}`);
        }
      }
    });
  }
});

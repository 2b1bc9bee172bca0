// A feature order for the seq layout that puts correlated features next to each other,
// so a 1-D convolution's window covers related measurements: a greedy nearest-neighbour
// chain on |correlation| of the training rows, starting from the first column.
import * as torch from '../torch/index.js';

export function correlatedOrder(base: Float32Array, width: number, f: number, trainRows: Int32Array, maxRows = 5000): number[] {
  const m = Math.min(trainRows.length, maxRows);
  const x = new Float32Array(m * f);
  for (let k = 0; k < m; k++) {
    const i = trainRows[Math.floor((k * trainRows.length) / m)];
    x.set(base.subarray(i * width, i * width + f), k * f);
  }
  const corr = torch.tidy(() => {
    const t = torch.tensor(x, { shape: [m, f] });
    const z = t.sub(t.mean(0, true)).div(t.std(0, { keepdim: true }).add(1e-6));
    return z.t().matmul(z).div(m).abs().dataSync() as Float32Array;
  });
  const used = new Uint8Array(f);
  const order = [0];
  used[0] = 1;
  for (let step = 1; step < f; step++) {
    const last = order[order.length - 1];
    let best = -1, bestV = -1;
    for (let j = 0; j < f; j++) if (!used[j] && corr[last * f + j] > bestV) { bestV = corr[last * f + j]; best = j; }
    used[best] = 1;
    order.push(best);
  }
  return order;
}

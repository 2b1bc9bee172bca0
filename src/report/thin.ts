// ROC and PR curves from a test set have one point per distinct score, often tens of
// thousands; inlined as SVG that is megabytes for no visible gain. Keep a point only when
// it has moved far enough from the last kept one (in units of the [0,1] square), plus the
// end points, so every visible corner survives.

export function thinCurve(xs: number[], ys: number[], tolerance = 0.002): { x: number; y: number }[] {
  const n = Math.min(xs.length, ys.length);
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i < n; i++) {
    const last = out[out.length - 1];
    if (!last || i === n - 1 || Math.abs(xs[i] - last.x) + Math.abs(ys[i] - last.y) >= tolerance) out.push({ x: xs[i], y: ys[i] });
  }
  return out;
}

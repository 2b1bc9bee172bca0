// A critical-difference diagram (Demšar 2006): methods placed on an axis of average rank
// (1 = best, on the left), a bar as long as the critical difference, and a thick line
// under each group of methods whose ranks lie within it. Drawn on a plain numeric y so
// the bars, leader lines and labels can be stacked where a reader expects them.
import type { TopLevelSpec } from 'vega-lite';
import { frame, type ChartFrame } from './base.js';
import { styleChannels, type SeriesStyle } from './styles.js';

export interface CdOptions extends ChartFrame {
  /** Best first, with their average ranks. */
  methods: { method: string; rank: number }[];
  criticalDifference: number | null;
  cliques: string[][];
  styles: SeriesStyle[];
  rankTitle: string;
}

const STEP = 22;

export function cdDiagram(o: CdOptions): TopLevelSpec {
  const k = o.methods.length;
  const cd = o.criticalDifference;
  const rankOf = new Map(o.methods.map((m) => [m.method, m.rank]));
  // Rows from the top: the CD bar, one row per clique, then one per method.
  const cliques = o.cliques.filter((c) => c.length > 1).map((c, i) => {
    const rs = c.map((m) => rankOf.get(m)!).filter(Number.isFinite);
    return { lo: Math.min(...rs), hi: Math.max(...rs), y: 1.2 + i * 0.6 };
  });
  const top = 1.2 + cliques.length * 0.6 + 0.4;
  const mid = (1 + k) / 2;
  const methods = o.methods.map((m, i) => ({ series: m.method, rank: m.rank, y: top + i + 0.6, label: `${m.method} (${m.rank.toFixed(2)})`, left: m.rank > mid }));
  const rows = top + k + 0.2;
  const x = { field: 'rank', type: 'quantitative', title: o.rankTitle, scale: { domain: [1, Math.max(2, k)], nice: false }, axis: { title: o.rankTitle, orient: 'top', tickMinStep: 1, format: 'd', grid: true } };
  const y = { field: 'y', type: 'quantitative', scale: { domain: [rows, 0], nice: false }, axis: null };
  const style = styleChannels(o.styles, 'method', 'series', false);
  const layers: unknown[] = [
    // Leader lines from the axis down to each method's label.
    { data: { values: methods.map((m) => ({ ...m, y0: top - 0.2 })) }, mark: { type: 'rule', color: '#999', strokeWidth: 1 }, encoding: { x, y: { ...y, field: 'y0' }, y2: { field: 'y' } } },
    { data: { values: methods }, mark: { type: 'point', size: 80, strokeWidth: 1.8, filled: false, opacity: 1 }, encoding: { x, y, color: style.color, shape: style.shape, fill: style.fill } },
    { data: { values: methods.filter((m) => !m.left) }, mark: { type: 'text', align: 'left', dx: 9, fontSize: 12 }, encoding: { x, y, text: { field: 'label' } } },
    { data: { values: methods.filter((m) => m.left) }, mark: { type: 'text', align: 'right', dx: -9, fontSize: 12 }, encoding: { x, y, text: { field: 'label' } } },
  ];
  if (cliques.length) layers.push({ data: { values: cliques.map((c) => ({ ...c, rank: c.lo })) }, mark: { type: 'rule', strokeWidth: 5, color: '#222', strokeCap: 'round' }, encoding: { x, x2: { field: 'hi' }, y } });
  if (cd !== null) {
    const bar = [{ rank: 1, hi: 1 + cd, y: 0.5, label: `critical difference = ${cd.toFixed(2)}` }];
    layers.push(
      { data: { values: bar }, mark: { type: 'rule', strokeWidth: 2.5, color: '#D55E00' }, encoding: { x, x2: { field: 'hi' }, y } },
      { data: { values: bar }, mark: { type: 'text', align: 'left', dx: 6, fontSize: 12, color: '#D55E00' }, encoding: { x: { ...x, field: 'hi' }, y, text: { field: 'label' } } },
    );
  }
  return { ...frame({ ...o, height: o.height ?? Math.round(STEP * rows) }), layer: layers } as TopLevelSpec;
}

// Charts of y against a numeric x, one coloured line per series: training curves, ROC and
// PR curves, insiders caught against alerts per day, lesion results with error bars.
import type { TopLevelSpec } from 'vega-lite';
import { frame, quant, seriesColor, uniq, type ChartFrame, type ScaleKind } from './base.js';
import { REFERENCE_GREY } from './theme.js';
import { seriesStyles, styleChannels } from './styles.js';

export interface SeriesPoint {
  series: string;
  x: number;
  y: number;
}

/** A grey dashed line (chance diagonal, PR baseline, full rank). Unlabelled on the plot, where a label would collide with the data; say what it is in the subtitle. */
export type Reference = { x: number; y: number }[];

/** A per-series level (e.g. the metric with nothing removed), drawn as a dashed rule in the series colour. */
export interface Baseline {
  series: string;
  value: number;
}

export interface AxisOptions {
  xTitle: string;
  yTitle: string;
  xScale?: ScaleKind;
  yScale?: ScaleKind;
  xDomain?: [number, number];
  yDomain?: [number, number];
  xInteger?: boolean;
  /** Legend title. */
  seriesTitle?: string;
  /** Series are methods or models: residual ones filled and solid, plain twins paired by colour (styles.ts). */
  methods?: boolean;
}

/** Colour, dash, shape and fill channels for the series, in the caller's order. */
function seriesChannels(order: string[], title: string, methods?: boolean) {
  if (methods) {
    const c = styleChannels(seriesStyles(order), title);
    return { color: c.color, strokeDash: c.strokeDash, shape: c.shape, fill: c.fill };
  }
  const byName = { field: 'series', type: 'nominal' as const, sort: order, title, legend: { title } };
  return { color: seriesColor(order, title), strokeDash: byName, shape: byName, fill: undefined };
}

export interface LineOptions extends ChartFrame, AxisOptions {
  data: SeriesPoint[];
  /** A dot per observation: for short series (epochs, k), not for curves of 1,000 points. */
  points?: boolean;
  references?: Reference[];
  baselines?: Baseline[];
}

function axes(o: AxisOptions) {
  return {
    // Lines need not start at zero (a loss curve from 0.6 to 0.02); a log scale has no zero at all.
    x: quant('x', o.xTitle, { scale: o.xScale, domain: o.xDomain, integer: o.xInteger, zero: o.xDomain || o.xScale === 'log' ? undefined : false }),
    y: quant('y', o.yTitle, { scale: o.yScale, domain: o.yDomain, zero: o.yDomain || o.yScale === 'log' ? undefined : false }),
  };
}

/** Reference lines, drawn under the series. */
function referenceLayers(refs: Reference[] | undefined, o: AxisOptions) {
  if (!refs?.length) return [];
  const lines = refs.flatMap((r, ref) => r.map((p, i) => ({ ref, x: p.x, y: p.y, order: i })));
  const { x, y } = axes(o);
  return [{ data: { values: lines }, mark: { type: 'line', color: REFERENCE_GREY, strokeDash: [5, 4], strokeWidth: 1.5 }, encoding: { x, y, detail: { field: 'ref', type: 'nominal' }, order: { field: 'order' } } }];
}

function baselineLayers(baselines: Baseline[] | undefined, o: AxisOptions, color: object) {
  if (!baselines?.length) return [];
  return [{ data: { values: baselines.map((b) => ({ series: b.series, y: b.value })) }, mark: { type: 'rule', strokeDash: [5, 4], strokeWidth: 1.5, opacity: 0.8 }, encoding: { y: axes(o).y, color } }];
}

export function lineChart(o: LineOptions): TopLevelSpec {
  const order = uniq(o.data.map((d) => d.series));
  const title = o.seriesTitle ?? 'series';
  const ch = seriesChannels(order, title, o.methods);
  // Dashes as well as colours, so lines stay apart on a black-and-white printout.
  const encoding = { ...axes(o), color: ch.color, strokeDash: ch.strokeDash };
  const layers: unknown[] = [...referenceLayers(o.references, o), ...baselineLayers(o.baselines, o, encoding.color), { data: { values: o.data }, mark: { type: 'line', interpolate: 'linear' }, encoding }];
  if (o.points) layers.push({ data: { values: o.data }, mark: { type: 'point', filled: !o.methods, opacity: 1 }, encoding: { ...axes(o), color: ch.color, ...(o.methods ? { shape: ch.shape, fill: ch.fill } : {}) } });
  return { ...frame(o), layer: layers } as TopLevelSpec;
}

export interface ErrorPoint {
  series: string;
  x: number;
  mean: number;
  sd: number;
}

export interface ErrorBarOptions extends ChartFrame, AxisOptions {
  data: ErrorPoint[];
  baselines?: Baseline[];
}

/**
 * Mean ± sd against x, one line per series. Series sharing an x are nudged apart by a
 * small fraction of the x step so their error bars do not hide each other.
 */
export function errorBarChart(o: ErrorBarOptions): TopLevelSpec {
  const order = uniq(o.data.map((d) => d.series));
  const xs = uniq(o.data.map((d) => d.x)).sort((a, b) => a - b);
  const step = xs.length > 1 ? Math.min(...xs.slice(1).map((x, i) => x - xs[i])) : 1;
  const nudge = order.length > 1 ? (0.12 * step) / (order.length - 1) : 0;
  const rows = o.data.map((d) => {
    const shift = (order.indexOf(d.series) - (order.length - 1) / 2) * nudge;
    return { series: d.series, x: d.x + shift, y: d.mean, lo: d.mean - d.sd, hi: d.mean + d.sd, k: d.x };
  });
  const title = o.seriesTitle ?? 'series';
  const { x, y } = axes(o);
  const ch = seriesChannels(order, title, o.methods);
  const color = ch.color;
  const layers: unknown[] = [...baselineLayers(o.baselines, o, color)];
  layers.push(
    { data: { values: rows }, mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color } },
    { data: { values: rows }, mark: { type: 'line' }, encoding: { x, y, color, ...(o.methods ? { strokeDash: ch.strokeDash } : {}) } },
    { data: { values: rows }, mark: { type: 'point', filled: !o.methods, size: 48, opacity: 1 }, encoding: { x, y, color, shape: ch.shape, ...(o.methods ? { fill: ch.fill } : {}) } },
  );
  return { ...frame(o), layer: layers } as TopLevelSpec;
}

export interface ScatterOptions extends ChartFrame, AxisOptions {
  data: SeriesPoint[];
}

/** One dot per observation, colour and shape by series (e.g. metric against Kendall tau). */
export function scatterChart(o: ScatterOptions): TopLevelSpec {
  const order = uniq(o.data.map((d) => d.series));
  const title = o.seriesTitle ?? 'series';
  return {
    ...frame(o),
    layer: [
      {
        data: { values: o.data },
        mark: { type: 'point', filled: !o.methods, opacity: 0.75, size: 42 },
        encoding: (() => {
          const ch = seriesChannels(order, title, o.methods);
          return { ...axes(o), color: ch.color, shape: ch.shape, ...(o.methods ? { fill: ch.fill } : {}) };
        })(),
      },
    ],
  } as TopLevelSpec;
}

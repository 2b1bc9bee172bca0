// Bar charts: one value per label, grouped bars (label × series), stacked parts of a
// whole (per-domain contributions of an alert), and histograms of weighted values.
import type { TopLevelSpec } from 'vega-lite';
import { frame, quant, seriesColor, uniq, type ChartFrame } from './base.js';
import { OKABE_ITO } from './theme.js';

export interface BarOptions extends ChartFrame {
  data: { label: string; value: number; sd?: number }[];
  labelTitle: string;
  valueTitle: string;
  /** Bars run left to right, labels down the side: for long labels or many bars. */
  horizontal?: boolean;
  valueDomain?: [number, number];
  /** d3-format for the value axis, e.g. "~s" (4M) for counts in the millions. */
  valueFormat?: string;
}

/** Whisker ends, clipped to the value axis's domain so a ± sd past 1 does not leave the plot. */
function whiskers<T extends { value: number; sd?: number }>(rows: T[], domain?: [number, number]) {
  const clip = (x: number) => (domain ? Math.min(domain[1], Math.max(domain[0], x)) : x);
  return rows.map((d) => ({ ...d, lo: clip(d.value - (d.sd ?? 0)), hi: clip(d.value + (d.sd ?? 0)) }));
}

function errorRule(values: unknown[], cat: 'x' | 'y', val: 'x' | 'y', catEnc: object, extra: object = {}) {
  return {
    data: { values },
    mark: { type: 'rule', strokeWidth: 1.5, color: '#222' },
    encoding: { [cat]: catEnc, [val]: { field: 'lo', type: 'quantitative' }, [`${val}2`]: { field: 'hi' }, ...extra },
  };
}

export function barChart(o: BarOptions): TopLevelSpec {
  const order = o.data.map((d) => d.label);
  const [cat, val] = o.horizontal ? (['y', 'x'] as const) : (['x', 'y'] as const);
  const catEnc = { field: 'label', type: 'nominal', sort: order, title: o.labelTitle, axis: { title: o.labelTitle, labelAngle: o.horizontal ? 0 : -30, labelLimit: 220 } };
  const valEnc = quant('value', o.valueTitle, { domain: o.valueDomain, format: o.valueFormat });
  const rows = whiskers(o.data, o.valueDomain);
  const layers: unknown[] = [{ data: { values: rows }, mark: { type: 'bar', color: OKABE_ITO[0] }, encoding: { [cat]: catEnc, [val]: valEnc } }];
  if (o.data.some((d) => d.sd)) layers.push(errorRule(rows, cat, val, catEnc));
  const size = o.horizontal ? { height: Math.max(120, 24 * o.data.length) } : {};
  return { ...frame({ ...o, ...size }), layer: layers } as TopLevelSpec;
}

export interface GroupedBarOptions extends ChartFrame {
  data: { group: string; series: string; value: number; sd?: number }[];
  groupTitle: string;
  valueTitle: string;
  seriesTitle: string;
  valueDomain?: [number, number];
}

/** Bars side by side within each group (e.g. recall per scenario, one bar per method). */
export function groupedBarChart(o: GroupedBarOptions): TopLevelSpec {
  const groups = uniq(o.data.map((d) => d.group));
  const order = uniq(o.data.map((d) => d.series));
  const x = { field: 'group', type: 'nominal', sort: groups, title: o.groupTitle, axis: { title: o.groupTitle, labelAngle: 0, labelLimit: 160 } };
  const xOffset = { field: 'series', type: 'nominal', sort: order };
  const rows = whiskers(o.data, o.valueDomain);
  const layers: unknown[] = [{ data: { values: rows }, mark: { type: 'bar' }, encoding: { x, xOffset, y: quant('value', o.valueTitle, { domain: o.valueDomain }), color: seriesColor(order, o.seriesTitle) } }];
  if (o.data.some((d) => d.sd)) layers.push(errorRule(rows, 'x', 'y', x, { xOffset }));
  return { ...frame(o), layer: layers } as TopLevelSpec;
}

export interface StackedBarOptions extends ChartFrame {
  /** `item` is one bar (e.g. "ABC0001 2010-03-04"), `part` one segment (a log domain). */
  data: { item: string; part: string; value: number }[];
  itemTitle: string;
  valueTitle: string;
  partTitle: string;
}

/** Horizontal stacked bars, items top to bottom in the given order; negative parts stack left of zero. */
export function stackedBarChart(o: StackedBarOptions): TopLevelSpec {
  const items = uniq(o.data.map((d) => d.item));
  const parts = uniq(o.data.map((d) => d.part));
  return {
    ...frame({ ...o, height: o.height ?? Math.max(120, 22 * items.length) }),
    layer: [
      {
        data: { values: o.data.map((d) => ({ ...d, series: d.part })) },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'item', type: 'nominal', sort: items, title: o.itemTitle, axis: { title: o.itemTitle, labelLimit: 240 } },
          x: { ...quant('value', o.valueTitle), stack: 'zero' },
          color: seriesColor(parts, o.partTitle),
          order: { field: 'partIndex', type: 'quantitative' },
        },
        transform: [{ calculate: `indexof(${JSON.stringify(parts)}, datum.part)`, as: 'partIndex' }],
      },
    ],
  } as TopLevelSpec;
}

export interface HistogramOptions extends ChartFrame {
  /** Raw values (weight 1) or pre-counted values (weight = count). */
  data: { value: number; weight?: number; series?: string }[];
  valueTitle: string;
  countTitle: string;
  /** Bin width; default: about 20 bins. */
  step?: number;
  seriesTitle?: string;
  /** Integer values (path lengths): bins of width `step` centred on them, integer tick labels. */
  discrete?: boolean;
}

/** Histogram; several series are overlaid translucent, not stacked, so each keeps its shape. */
export function histogramChart(o: HistogramOptions): TopLevelSpec {
  const rows = o.data.map((d) => ({ value: d.value, weight: d.weight ?? 1, series: d.series ?? '' }));
  const order = uniq(rows.map((d) => d.series));
  const many = order.length > 1;
  const mark = { type: 'bar', opacity: many ? 0.55 : 1, binSpacing: 1, ...(many ? {} : { color: OKABE_ITO[0] }) };
  const color = many ? { color: seriesColor(order, o.seriesTitle ?? 'series') } : {};
  const y = { field: 'count', type: 'quantitative', title: o.countTitle, axis: { title: o.countTitle }, stack: null };
  if (o.discrete) {
    // Counted here and drawn from value − step/2 to value + step/2, so each bar sits over
    // its integer tick (Vega-Lite's bins would put ticks on bin edges).
    const step = o.step ?? 1;
    const counts = new Map<string, { value: number; series: string; count: number }>();
    for (const r of rows) {
      const key = JSON.stringify([r.series, r.value]);
      const c = counts.get(key) ?? { value: r.value, series: r.series, count: 0 };
      c.count += r.weight;
      counts.set(key, c);
    }
    const values = [...counts.values()].map((c) => ({ ...c, lo: c.value - step / 2 + 0.04 * step, hi: c.value + step / 2 - 0.04 * step }));
    return {
      ...frame(o),
      layer: [{ data: { values }, mark: { ...mark, binSpacing: undefined }, encoding: { x: quant('lo', o.valueTitle, { integer: true, zero: false }), x2: { field: 'hi' }, y, y2: { datum: 0 }, ...color } }],
    } as TopLevelSpec;
  }
  const bin = o.step ? { step: o.step } : { maxbins: 20 };
  return {
    ...frame(o),
    layer: [
      {
        data: { values: rows },
        mark,
        encoding: {
          x: { field: 'value', type: 'quantitative', bin, title: o.valueTitle, axis: { title: o.valueTitle } },
          y: { ...y, aggregate: 'sum', field: 'weight' },
          ...color,
        },
      },
    ],
  } as TopLevelSpec;
}

// Dot plots: one row per label (a method, a world), a dot at its value and a whisker over
// its interval, sorted best first within each panel, panels as small multiples (one per
// world or per metric). Labels sit on the axis, so any number of methods stays readable
// without a legend; colour, shape and fill follow the method's style (styles.ts).
import type { TopLevelSpec } from 'vega-lite';
import { frame, uniq, type ChartFrame } from './base.js';
import { REFERENCE_GREY, OKABE_ITO } from './theme.js';
import { styleChannels, type SeriesStyle } from './styles.js';

export interface DotRow {
  /** Small multiple the row belongs to; omit for a single panel. */
  panel?: string;
  /** The row's label on the axis. */
  label: string;
  value: number;
  /** Interval ends; a missing or non-finite end draws no whisker. */
  lo?: number;
  hi?: number;
}

export interface DotOptions extends ChartFrame {
  data: DotRow[];
  valueTitle: string;
  labelTitle: string;
  /** Style per label (methods); without it every dot is the first palette colour. */
  styles?: SeriesStyle[];
  valueDomain?: [number, number];
  /** A grey rule at this value (0 for differences). */
  reference?: number;
  /** Panels per row. */
  columns?: number;
  /** Keep rows in the order given instead of sorting each panel by value. */
  keepOrder?: boolean;
}

const ROW = 24;
const MIN_HEIGHT = 96;

export function dotPlot(o: DotOptions): TopLevelSpec {
  const panels = uniq(o.data.map((d) => d.panel ?? ''));
  const faceted = panels.length > 1 || panels[0] !== '';
  const labels = uniq(o.data.map((d) => d.label));
  const rows = o.data.map((d) => ({ panel: d.panel ?? '', series: d.label, value: d.value, lo: d.lo, hi: d.hi }));
  const perPanel = Math.max(...panels.map((p) => rows.filter((r) => r.panel === p).length));
  const y = { field: 'series', type: 'nominal', title: o.labelTitle, sort: o.keepOrder ? labels : { field: 'value', op: 'max', order: 'descending' }, axis: { title: faceted ? null : o.labelTitle, labelLimit: 200 } };
  const scale = o.valueDomain ? { domain: o.valueDomain, zero: false } : { zero: false };
  const x = { field: 'value', type: 'quantitative', title: o.valueTitle, scale, axis: { title: o.valueTitle } };
  const style = o.styles ? styleChannels(o.styles, o.labelTitle, 'series', false) : undefined;
  const layers: unknown[] = [];
  if (o.reference !== undefined) layers.push({ mark: { type: 'rule', color: REFERENCE_GREY, strokeDash: [4, 3] }, encoding: { x: { datum: o.reference, type: 'quantitative' } } });
  // Whiskers as their own layer over the filtered rows, so a row without an interval still gets its dot.
  layers.push({ transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }], mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' }, ...(style ? { color: style.color } : { color: { value: '#444' } }) } });
  layers.push({
    mark: { type: 'point', size: 70, strokeWidth: 1.8, opacity: 1, filled: false },
    encoding: { y, x, ...(style ? { color: style.color, shape: style.shape, fill: style.fill } : { color: { value: OKABE_ITO[0] }, fill: { value: OKABE_ITO[0] } }) },
  });
  const height = Math.max(MIN_HEIGHT, ROW * perPanel);
  if (!faceted) return { ...frame({ ...o, height: o.height ?? height }), data: { values: rows }, layer: layers } as TopLevelSpec;
  // Long labels (full method names) take half a panel's width: side by side, the page would shrink them past reading.
  const columns = o.columns ?? (Math.max(...labels.map((l) => l.length)) > 24 ? 1 : Math.min(3, panels.length));
  const width = o.width ?? (columns > 1 ? 210 : 420);
  const { width: _w, height: _h, ...top } = frame(o);
  return {
    ...top,
    data: { values: rows },
    facet: { field: 'panel', type: 'nominal', sort: panels, title: null, header: { labelFontSize: 13, labelFontWeight: 600, labelLimit: 240 } },
    columns,
    spec: { width, height, layer: layers },
    // Each panel sorts its own rows (best first) and so needs its own label axis.
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}

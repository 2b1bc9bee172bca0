// How a method looks in every chart of a report: residual models filled and solid, their
// plain twins in the same colour but hollow and dashed (so a pair reads as a pair), other
// baselines hollow in their own colours. Colour and shape (or colour and dash, for lines)
// together are never shared by two series of one chart: with eight colours the pair is
// what keeps a ninth series apart, and charts with more than eight series label methods
// directly (dot plots) or split into panels rather than lean on the legend.
import { OKABE_ITO } from './theme.js';

export type MethodKind = 'residual' | 'plain' | 'baseline';

export const SHAPES = ['circle', 'square', 'diamond', 'triangle-up', 'triangle-down', 'triangle-right', 'triangle-left', 'cross'] as const;
export const DASHES: number[][] = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 4], [3, 3, 1, 3]];
/** The most series one legend may carry; beyond it a chart labels directly or splits. */
export const MAX_LEGEND_SERIES = OKABE_ITO.length;

// Names only: the report sees method names, not configs. Covers reslab's residual recipes
// (mlp, grid, history, … and their -plain twins), the model registry's families and the
// demo's detect_* models.
const RESIDUAL = /resnet|residual|resnext|res2net|rexnet|densenet|highway|fractal|preact|wide_res|^(mlp|grid|history|learned|seq|deepinsight)(?![a-z])/i;

export function methodKind(name: string): MethodKind {
  if (/plain/i.test(name)) return 'plain';
  return RESIDUAL.test(name) ? 'residual' : 'baseline';
}

/** The name with its residual/plain marker taken out: a residual model and its plain twin share it. */
const twinKey = (name: string) => name.toLowerCase().replace(/[-_ ]?(plain|resnet|residual)/g, '');

/** The residual model among `names` that a plain model is the twin of. */
export function twinOf(name: string, names: string[]): string | undefined {
  if (methodKind(name) !== 'plain') return undefined;
  return names.find((n) => methodKind(n) === 'residual' && twinKey(n) === twinKey(name));
}

export interface SeriesStyle {
  series: string;
  kind: MethodKind;
  color: string;
  shape: (typeof SHAPES)[number];
  dash: number[];
  filled: boolean;
}

/**
 * Styles for series in the given order (best first): colours in palette order, a twin
 * taking its residual model's; each series the first shape and dash not yet used with its
 * colour, residual models preferring the solid line.
 */
export function seriesStyles(order: string[]): SeriesStyle[] {
  const colorOf = new Map<string, string>();
  let next = 0;
  for (const s of order) {
    const twin = twinOf(s, order);
    if (!twin) colorOf.set(s, OKABE_ITO[next++ % OKABE_ITO.length]!);
  }
  const usedShape = new Set<string>(), usedDash = new Set<string>();
  return order.map((series, i) => {
    const kind = methodKind(series);
    const color = colorOf.get(twinOf(series, order) ?? series) ?? colorOf.get(series)!;
    const free = <T>(options: readonly T[], used: Set<string>, start: number) => {
      for (let j = 0; j < options.length * 2; j++) {
        const o = options[(start + j) % options.length]!;
        if (!used.has(`${color}|${JSON.stringify(o)}`)) return (used.add(`${color}|${JSON.stringify(o)}`), o);
      }
      // More than 8 × 8 series: nothing is left to tell them apart by.
      throw new RangeError(`chart has too many series to keep colour and shape distinct (${order.length})`);
    };
    const shape = free(SHAPES, usedShape, i % SHAPES.length);
    const dash = free(DASHES, usedDash, kind === 'residual' ? 0 : 1);
    return { series, kind, color, shape, dash, filled: kind === 'residual' };
  });
}

/** Vega-Lite channel definitions mapping `field` to these styles: colour, shape, dash, and fill (hollow as white). */
export function styleChannels(styles: SeriesStyle[], title: string, field = 'series', legend = true) {
  const domain = styles.map((s) => s.series);
  const scaled = (range: unknown[], withLegend: boolean) => ({ field, type: 'nominal' as const, title, sort: domain, scale: { domain, range }, legend: withLegend && legend ? { title } : null });
  return {
    color: scaled(styles.map((s) => s.color), true),
    shape: scaled(styles.map((s) => s.shape), true),
    strokeDash: scaled(styles.map((s) => s.dash), true),
    fill: scaled(styles.map((s) => (s.filled ? s.color : 'white')), true),
  };
}

export const KIND_NOTE = 'filled marks and solid lines: residual models; hollow or dashed: plain twins (same colour as their residual model) and baselines';
export const KIND_SHORT = 'filled: residual model; hollow: plain twin or baseline';

/**
 * Series split so no chart's legend holds more than MAX_LEGEND_SERIES: all in one when they
 * fit; else residual models with their plain twins, then the baselines, each in chunks.
 * `label` is a suffix for the chart title ("" when there is one group).
 */
export function legendGroups(order: string[]): { methods: string[]; label: string }[] {
  if (order.length <= MAX_LEGEND_SERIES) return order.length ? [{ methods: order, label: '' }] : [];
  const family = order.filter((m) => methodKind(m) === 'residual' || twinOf(m, order));
  const rest = order.filter((m) => !family.includes(m));
  const chunks = (xs: string[], name: string) => {
    // Balanced chunks (9 → 5 + 4, not 8 + 1): a chart of one series compares nothing.
    const n = Math.ceil(xs.length / MAX_LEGEND_SERIES), size = Math.ceil(xs.length / Math.max(1, n));
    return Array.from({ length: n }, (_, i) => ({ methods: xs.slice(i * size, (i + 1) * size), label: ` — ${name}${n > 1 ? ` (${i + 1} of ${n})` : ''}` }));
  };
  return [...chunks(family, 'residual models and plain twins'), ...chunks(rest, 'baselines and other methods')].filter((g) => g.methods.length);
}

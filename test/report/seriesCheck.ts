// What a reader needs to tell series apart, checked on a chart's Vega-Lite spec: within
// each layer that encodes `series`, every series has its own (colour, shape or dash)
// pair, and a legend never carries more series than the palette has colours. Channels
// without an explicit range get Vega-Lite's defaults, so an unstyled chart is judged as
// it would be drawn.
import { OKABE_ITO } from '../../src/report/charts/index.js';

const DEFAULT_SHAPES = ['circle', 'square', 'cross', 'diamond', 'triangle-up', 'triangle-down', 'triangle-right', 'triangle-left'];
const DEFAULT_DASHES = [[1, 0], [4, 2], [2, 1], [1, 1], [1, 2, 4, 2]];

type Enc = { field?: string; sort?: unknown; scale?: { domain?: unknown[]; range?: unknown[] }; legend?: unknown; value?: unknown };
type Node = { layer?: Node[]; spec?: Node; vconcat?: Node[]; hconcat?: Node[]; concat?: Node[]; data?: { values?: Record<string, unknown>[] }; mark?: unknown; encoding?: Record<string, Enc> };

function channelValue(enc: Enc | undefined, series: string, order: string[], defaults: unknown[]): string {
  if (!enc) return 'none';
  if (enc.field !== 'series') return JSON.stringify(enc.value ?? 'fixed');
  const domain = (enc.scale?.domain as string[] | undefined) ?? order;
  const range = enc.scale?.range ?? defaults;
  const i = domain.indexOf(series);
  return JSON.stringify(range[(i < 0 ? order.indexOf(series) : i) % range.length]);
}

export interface SeriesProblem { chart: string; problem: string }

/** Problems found in one spec (empty when every series can be told apart); a series' look is what all its layers give it together. */
export function seriesProblems(spec: unknown): SeriesProblem[] {
  const top = spec as Node & { title?: { text?: string } };
  const chart = top.title?.text ?? '(untitled)';
  const out: SeriesProblem[] = [];
  const look = new Map<string, { colour?: string; shape?: string; dash?: string }>();
  const visit = (n: Node, inherited?: Node['data']) => {
    const data = n.data ?? inherited;
    for (const k of ['layer', 'vconcat', 'hconcat', 'concat'] as const) for (const c of n[k] ?? []) visit(c, data);
    if (n.spec) visit(n.spec, data);
    const e = n.encoding;
    if (!e) return;
    const byColour = ['color', 'stroke', 'fill'].map((c) => e[c]).find((c) => c?.field === 'series');
    const second = [e.shape, e.strokeDash].find((c) => c?.field === 'series');
    if (!byColour && !second) return;
    const values = [...new Set((data?.values ?? []).map((r) => String(r.series)))];
    const sortOrder = Array.isArray(byColour?.sort) ? (byColour!.sort as string[]) : values;
    const order = [...sortOrder, ...values.filter((v) => !sortOrder.includes(v))].filter((v) => values.includes(v));
    const legend = [byColour, second].some((c) => c && c.legend !== null);
    if (legend && order.length > OKABE_ITO.length) out.push({ chart, problem: `${order.length} series in one legend (more than ${OKABE_ITO.length})` });
    for (const s of order) {
      const l = look.get(s) ?? {};
      l.colour ??= channelValue(byColour ?? e.color, s, order, OKABE_ITO);
      if (e.shape?.field === 'series') l.shape ??= channelValue(e.shape, s, order, DEFAULT_SHAPES);
      if (e.strokeDash?.field === 'series') l.dash ??= channelValue(e.strokeDash, s, order, DEFAULT_DASHES);
      look.set(s, l);
    }
  };
  visit(top);
  const seen = new Map<string, string>();
  for (const [s, l] of look) {
    // Lines are told apart by dash, points by shape; a chart with both needs either to differ.
    const key = `${l.colour}|${l.shape ?? 'none'}|${l.dash ?? 'none'}`;
    if (seen.has(key)) out.push({ chart, problem: `'${s}' and '${seen.get(key)}' share colour and shape (${key})` });
    else seen.set(key, s);
  }
  return out;
}

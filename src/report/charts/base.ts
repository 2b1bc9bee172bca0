// Pieces every spec builder shares: the top-level frame (title, size, theme) and axis
// definitions that always carry a title, since every axis in a report states its unit.
import { config, WIDTH, HEIGHT } from './theme.js';

export interface ChartFrame {
  title: string;
  subtitle?: string;
  width?: number;
  height?: number;
}

/**
 * Top-level frame; builders add `layer` and cast the whole to TopLevelSpec (Vega-Lite's
 * types are too deep to build literally; the tests compile every builder's output).
 */
export function frame(f: ChartFrame): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: f.subtitle ? { text: f.title, subtitle: f.subtitle } : { text: f.title },
    width: f.width ?? WIDTH,
    height: f.height ?? HEIGHT,
    config,
  };
}

export type ScaleKind = 'linear' | 'log' | 'sqrt';

export function quant(field: string, title: string, opts: { scale?: ScaleKind; domain?: [number, number]; zero?: boolean; integer?: boolean; format?: string } = {}) {
  const scale: Record<string, unknown> = {};
  if (opts.scale && opts.scale !== 'linear') scale.type = opts.scale;
  if (opts.domain) scale.domain = opts.domain;
  if (opts.zero !== undefined) scale.zero = opts.zero;
  const axis: Record<string, unknown> = { title };
  // Integer axes (epochs, k, block index) must not show 1.5.
  if (opts.integer) axis.tickMinStep = 1;
  if (opts.integer) axis.format = 'd';
  if (opts.format) axis.format = opts.format;
  return { field, type: 'quantitative' as const, title, axis, ...(Object.keys(scale).length ? { scale } : {}) };
}

/** Colour by series, keeping the caller's order (first method first in the legend). */
export function seriesColor(order: string[], title: string) {
  return { field: 'series', type: 'nominal' as const, title, sort: order, legend: { title } };
}

/** Distinct values in first-seen order. */
export function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

// A chart block from a spec: rendered to SVG now, its title reused as the alt text.
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../charts/index.js';
import type { Block } from '../html.js';

export async function chartBlock(spec: TopLevelSpec, caption?: string): Promise<Block> {
  const t = (spec as { title?: { text?: string } }).title;
  return { kind: 'chart', svg: await renderSvg(spec), alt: t?.text ?? 'chart', caption, spec };
}

/** Keeps only present blocks; sections build optional parts with `cond && …`. */
export function present<T>(xs: (T | undefined | null | false)[]): T[] {
  return xs.filter((x): x is T => Boolean(x));
}

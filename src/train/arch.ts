// A run's --width, --depth and --dropout: the named model's size, for the families that
// have one width and one depth (the residual MLPs and the two-tower model), so a tuning
// budget can search the network's size as the baselines' budgets search their trees'.
// The other families' shapes are lists per stage; they keep their registry sizes.
// modelOverrides: everything a run sets on its named model (these sizes and the numeric
// embedding), the one place training, tuning trials and reloading read it from.
import { namedConfig, type EmbedSpec } from '../models/index.js';

export interface ArchOptions {
  /** Width of the residual stream (and of each block's hidden layer). */
  width?: number;
  /** Residual blocks. */
  depth?: number;
  /** Dropout inside each block. */
  dropout?: number;
}

/** Families sized by one width and one depth. */
export const SIZED_FAMILIES = ['mlp_resnet', 'two_tower'];

/** The model config fields a run's options set on its named model; throws for a family without them or a value out of range. */
export function archOverrides(model: string, o: ArchOptions): Record<string, unknown> {
  const set = Object.entries({ width: o.width, depth: o.depth, dropout: o.dropout }).filter(([, v]) => v !== undefined) as [keyof ArchOptions, number][];
  if (set.length === 0) return {};
  const family = namedConfig(model).config().family;
  if (!SIZED_FAMILIES.includes(family)) throw new Error(`--${set.map(([k]) => k).join(', --')} size the residual MLPs and the two-tower models; ${model} is a ${family}, whose stages keep their registry sizes`);
  for (const [k, v] of set) {
    const ok = k === 'dropout' ? v >= 0 && v < 1 : Number.isInteger(v) && v >= 1;
    if (!ok) throw new Error(`--${k} must be ${k === 'dropout' ? 'in [0, 1)' : 'a whole number ≥ 1'}, got ${v}`);
  }
  const out: Record<string, unknown> = Object.fromEntries(set);
  if (o.width !== undefined && family === 'mlp_resnet') out.hidden = o.width;
  return out;
}

/** How a run's sizes read in its method name ('' when it keeps the model's own). */
export function archLabel(o: ArchOptions): string {
  const parts = [o.width !== undefined ? `width ${o.width}` : '', o.depth !== undefined ? `depth ${o.depth}` : '', o.dropout !== undefined ? `dropout ${o.dropout}` : ''].filter(Boolean);
  return parts.length ? ` · ${parts.join(', ')}` : '';
}

/** The config fields a run sets on its named model: its numeric embedding (sized from the fitted layout) and its sizes. */
export function modelOverrides(model: string, o: ArchOptions, embed: EmbedSpec | undefined): Record<string, unknown> {
  return { ...(embed ? { embed } : {}), ...archOverrides(model, o) };
}

// A run's --embed, in the two places it acts: the data (ple: bin edges fitted on the
// training rows with the rest of the preprocessing, the layout encoding every batch) and
// the model (a numeric embedding module in front of the stem, sized from the layout).
import type { LayoutKind, LayoutSpec } from '../layout/layout.js';
import type { PrepareSpec, PrepareState } from '../layout/prepare.js';
import { DEFAULT_PLE_BINS } from '../layout/ple.js';
import { DEFAULT_EMBED, EMBED_KINDS, type EmbedKind, type EmbedSpec } from '../models/embed.js';

export { EMBED_KINDS, type EmbedKind };

/**
 * The layouts whose cells are features. A history input's cells are (feature, day) and a
 * DeepInsight pixel mixes features: a per-cell embedding there would give the same
 * feature separate weights on each day or pixel, which is not the paper's embedding.
 */
export const EMBED_LAYOUTS: readonly LayoutKind[] = ['flat', 'seq', 'grid', 'learned'];

export function checkEmbed(embed: EmbedKind | undefined, layout: LayoutKind): void {
  if (embed === undefined) return;
  if (!EMBED_KINDS.includes(embed)) throw new Error(`embed must be one of ${EMBED_KINDS.join(', ')}, got '${String(embed)}'`);
  if (!EMBED_LAYOUTS.includes(layout)) throw new Error(`--embed ${embed} embeds each feature cell of the ${EMBED_LAYOUTS.join(', ')} layouts; the ${layout} layout's cells are not features`);
}

/** The preprocessing a run fits: with ple, the bin edges too. */
export function prepareFor(prepare: PrepareSpec | undefined, embed: EmbedKind | undefined): PrepareSpec | undefined {
  return embed === 'ple' ? { ...prepare, ple: { bins: DEFAULT_PLE_BINS } } : prepare;
}

/** The model's embedding for a run's fitted preprocessing and layout (its input shape is set when the model is built). */
export function embedSpecFor(embed: EmbedKind, prep: PrepareState, layout: LayoutSpec): EmbedSpec {
  if (embed === 'ple' && !prep.ple) throw new Error('--embed ple: the fitted preprocessing has no PLE edges');
  const passthrough = layout.kind === 'grid' ? 1 : 0; // the grid's mask channel
  return { kind: embed, ...DEFAULT_EMBED[embed], ...(embed === 'ple' ? { bins: prep.ple!.bins } : {}), ...(passthrough ? { passthrough } : {}) };
}

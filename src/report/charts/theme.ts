// The look shared by every chart: one palette, one font, sizes that stay readable when
// the SVG is scaled down to a laptop column or printed on A4.
import type { Config } from 'vega-lite';

/**
 * Okabe & Ito's colour-blind-safe palette (Color Universal Design), reordered so the
 * first colours are the most distinct on white: blue, vermillion, bluish green, reddish
 * purple, orange, sky blue, black, and last yellow (too pale for thin lines).
 */
export const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

/** Grey for reference lines (chance diagonal, PR baseline, no-lesion level): never a series colour. */
export const REFERENCE_GREY = '#767676';

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Plot area in px; the SVG carries a viewBox, so the page scales it to its column. */
export const WIDTH = 520;
export const HEIGHT = 300;

export const config: Config = {
  font: FONT,
  background: 'white',
  padding: 8,
  range: { category: OKABE_ITO },
  title: { fontSize: 16, fontWeight: 600, anchor: 'start', offset: 12, subtitleFontSize: 12, subtitleColor: '#555' },
  axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 600, gridColor: '#e6e6e6', domainColor: '#888', tickColor: '#888', labelColor: '#222', titleColor: '#222' },
  // Numeric axes drop labels that would overlap rather than print them on top of each other.
  axisQuantitative: { labelOverlap: true },
  legend: { labelFontSize: 12, titleFontSize: 13, labelLimit: 260, symbolStrokeWidth: 2.5, orient: 'right' },
  line: { strokeWidth: 2 },
  point: { size: 36, filled: true },
  view: { stroke: '#ccc' },
};

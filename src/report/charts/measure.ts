// Text widths for chart layout. Without a canvas Vega guesses 0.8 em per character, about
// 40 % too wide, so long axis titles and legends push the plot around and leave blank
// bands. Here each ASCII character has its advance width (per 100 px of font size) as
// measured in Chromium for DejaVu Sans, the font the page's system-ui stack resolves to
// on Debian; on Mac and Windows the UI fonts are narrower, so this errs on the roomy side.
import * as vega from 'vega';

// Characters 32 (space) to 126 (~).
const REGULAR = [32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84];
const BOLD = [35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 77, 64, 100, 84, 85, 73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 50, 50, 67, 72, 59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, 72, 72, 49, 60, 48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84];
/** Non-ASCII (τ, ±, –, ★): a typical wide glyph. */
const OTHER = { regular: 70, bold: 78 };

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  text?: unknown;
}

function isBold(w: string | number | undefined): boolean {
  return w === 'bold' || w === 'bolder' || Number(w) >= 600;
}

export function textWidth(text: string, fontSize: number, bold: boolean): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    units += c >= 32 && c <= 126 ? table[c - 32] : bold ? OTHER.bold : OTHER.regular;
  }
  return (units * fontSize) / 100;
}

let installed = false;

/** Replaces Vega's text-width estimate with the table above (process-wide, once). */
export function installTextMetrics(): void {
  if (installed) return;
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
  metrics.width = (item: TextItem, text?: unknown) => {
    const s = text === undefined || text === null ? '' : String(text).trim();
    return textWidth(s, item.fontSize ?? 11, isBold(item.fontWeight));
  };
  installed = true;
}

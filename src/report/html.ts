// Builds the report page: header, table of contents, sections of blocks (chart SVG,
// table, paragraph, key–value list). One self-contained file: inline CSS, inline SVG, no
// scripts, and a Content-Security-Policy that forbids every fetch, so a report opened
// years later, offline, looks the same.
import { CSS } from './css.js';
import { escapeHtml as e, slug } from './escape.js';

export type Cell = string | number | null | undefined;

export interface Column {
  label: string;
  /** Default: right for columns whose cells are numbers, else left. */
  align?: 'left' | 'right';
}

export type Block =
  /** `spec` is the Vega-Lite the SVG was rendered from, kept for tests that check every chart; not written to the page. */
  | { kind: 'chart'; svg: string; alt: string; caption?: string; spec?: unknown }
  | { kind: 'table'; columns: (string | Column)[]; rows: Cell[][]; caption?: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'keyvalue'; items: [string, Cell][] };

export interface Section {
  id: string;
  heading: string;
  intro?: string;
  blocks: Block[];
}

export interface Page {
  title: string;
  /** Lines under the title (date, sources). */
  meta?: string[];
  sections: Section[];
  footer?: string;
}

/**
 * Vega's SVG is inlined as markup, so it is checked to be an SVG document without script
 * or foreign content, and its ids (clip paths, gradients) are prefixed per chart: ids are
 * page-global once inlined, and two charts' "clip1" would otherwise collide.
 */
export function inlineSvg(svg: string, prefix: string): string {
  const s = svg.trim();
  if (!s.startsWith('<svg')) throw new Error('chart block: expected SVG markup starting with <svg');
  if (/<script|<foreignObject|\son[a-z]+\s*=/i.test(s)) throw new Error('chart block: SVG contains script or foreign content');
  return s
    .replace(/\sid="([^"]+)"/g, ` id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

function cellText(c: Cell): string {
  return c === null || c === undefined ? '–' : e(c);
}

function table(b: Extract<Block, { kind: 'table' }>): string {
  const cols = b.columns.map((c) => (typeof c === 'string' ? { label: c } : c));
  const align = cols.map((c, j) => c.align ?? (b.rows.length && b.rows.every((r) => typeof r[j] === 'number' || r[j] == null) ? 'right' : 'left'));
  const cls = (j: number) => (align[j] === 'right' ? ' class="num"' : '');
  const head = cols.map((c, j) => `<th scope="col"${cls(j)}>${e(c.label)}</th>`).join('');
  const body = b.rows.map((r) => `<tr>${cols.map((_, j) => `<td${cls(j)}>${cellText(r[j])}</td>`).join('')}</tr>`).join('\n');
  const caption = b.caption ? `<caption>${e(b.caption)}</caption>` : '';
  return `<div class="table-wrap"><table>${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

function block(b: Block, id: string): string {
  switch (b.kind) {
    case 'chart': {
      const caption = b.caption ? `<figcaption>${e(b.caption)}</figcaption>` : '';
      return `<figure id="${id}"><div class="chart" role="img" aria-label="${e(b.alt)}">${inlineSvg(b.svg, id)}</div>${caption}</figure>`;
    }
    case 'table':
      return table(b);
    case 'paragraph':
      return `<p>${e(b.text)}</p>`;
    case 'heading':
      return `<h3>${e(b.text)}</h3>`;
    case 'keyvalue':
      return `<dl class="kv">${b.items.map(([k, v]) => `<dt>${e(k)}</dt><dd>${cellText(v)}</dd>`).join('')}</dl>`;
  }
}

export function renderPage(page: Page): string {
  const ids = new Set<string>();
  const sections = page.sections.map((s) => {
    // Section ids become fragment links; keep them safe and unique.
    let id = slug(s.id);
    for (let i = 2; ids.has(id); i++) id = `${slug(s.id)}-${i}`;
    ids.add(id);
    return { ...s, id };
  });
  const toc = sections.map((s) => `<li><a href="#${s.id}">${e(s.heading)}</a></li>`).join('\n');
  const body = sections
    .map((s) => {
      const intro = s.intro ? `<p class="intro">${e(s.intro)}</p>` : '';
      const blocks = s.blocks.map((b, i) => block(b, `${s.id}-fig${i + 1}`)).join('\n');
      return `<section id="${s.id}">\n<h2>${e(s.heading)}</h2>\n${intro}\n${blocks}\n</section>`;
    })
    .join('\n');
  const meta = (page.meta ?? []).map((m) => `<p>${e(m)}</p>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(page.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="page">
<h1>${e(page.title)}</h1>
${meta}
</header>
<nav class="toc" aria-label="Contents">
<h2>Contents</h2>
<ol>
${toc}
</ol>
</nav>
<main>
${body}
</main>
${page.footer ? `<footer>${e(page.footer)}</footer>` : ''}
</body>
</html>
`;
}

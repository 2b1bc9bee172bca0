// The page's only stylesheet, inlined. Screen: one column (72 rem for wide tables and charts, prose kept to 48 rem) with the
// table of contents above it; print: black on white, no link colours, figures and table
// rows kept whole across pages, each major section starting on its own page.
export const CSS = `
:root { --ink: #1d1d1f; --muted: #5a5a60; --rule: #d9d9de; --accent: #0072B2; --band: #f5f6f8; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; color: var(--ink); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.5; }
main, header.page, nav.toc { max-width: 72rem; margin: 0 auto; padding: 0 1.5rem; }
header.page { padding-top: 2rem; padding-bottom: 0.5rem; border-bottom: 2px solid var(--ink); }
header.page h1 { font-size: 1.9rem; margin: 0 0 0.25rem; line-height: 1.2; }
header.page p { margin: 0.15rem 0; color: var(--muted); font-size: 0.9rem; }
nav.toc { margin-top: 1.25rem; }
nav.toc h2 { font-size: 1rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 0 0 0.4rem; }
nav.toc ol { margin: 0; padding-left: 1.4rem; columns: 2 18rem; column-gap: 2rem; }
nav.toc li { margin: 0.1rem 0; break-inside: avoid; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
section { padding-top: 1.5rem; margin-top: 1.5rem; border-top: 1px solid var(--rule); }
section h2 { font-size: 1.45rem; margin: 0 0 0.5rem; }
section > p.intro { color: var(--muted); margin: 0 0 1rem; max-width: 48rem; }
p { margin: 0.5rem 0 1rem; max-width: 48rem; }
figure { margin: 1rem 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
figure .chart svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.88rem; color: var(--muted); margin-top: 0.3rem; max-width: 48rem; }
.table-wrap { overflow-x: auto; margin: 0.75rem 0 1.5rem; }
table { border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: 0.4rem; }
th, td { padding: 0.35rem 0.55rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { text-align: left; border-bottom: 2px solid var(--ink); vertical-align: bottom; }
/* A cell's own line breaks (recall over insiders caught) are kept; numbers never wrap. */
th, td { white-space: pre-line; }
td.num, th.num { text-align: right; }
td.num { white-space: pre; }
tbody tr:nth-child(even) { background: var(--band); }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1.5rem; margin: 0.5rem 0 1.5rem; }
dl.kv dt { font-weight: 600; }
dl.kv dd { margin: 0; font-variant-numeric: tabular-nums; }
footer { max-width: 72rem; margin: 3rem auto 2rem; padding: 0 1.5rem; color: var(--muted); font-size: 0.85rem; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  html { font-size: 11pt; }
  main, header.page, nav.toc, footer { max-width: none; padding: 0; }
  a { color: inherit; }
  nav.toc { break-after: page; }
  section { border-top: none; break-before: page; padding-top: 0; margin-top: 0; }
  .table-wrap { overflow: visible; }
  table { font-size: 8.5pt; }
  tr, td, th { break-inside: avoid; }
  tbody tr:nth-child(even) { background: none; }
}
`;

// The page builder: text is escaped everywhere, SVG is checked and its ids scoped, the
// table of contents links every section, and nothing outside the file is referenced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPage, inlineSvg } from '../../src/report/html.js';
import { escapeHtml, slug } from '../../src/report/escape.js';

const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><clipPath id="clip1"><rect width="5" height="5"/></clipPath></defs><g clip-path="url(#clip1)"><rect width="10" height="10"/></g></svg>';

test('escapeHtml escapes the five characters that matter', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  assert.equal(escapeHtml(3.5), '3.5');
  assert.equal(slug('Top-ranked user-days!'), 'top-ranked-user-days');
  assert.equal(slug('<>'), 'section');
});

test('all text in a page is escaped: title, headings, intro, paragraphs, tables, key-values, captions', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const html = renderPage({
    title: evil,
    meta: [evil],
    sections: [{ id: 'a"b', heading: evil, intro: evil, blocks: [{ kind: 'paragraph', text: evil }, { kind: 'table', columns: [evil, 'n'], rows: [[evil, 1]], caption: evil }, { kind: 'keyvalue', items: [[evil, evil]] }, { kind: 'chart', svg, alt: evil, caption: evil }] }],
    footer: evil,
  });
  assert.doesNotMatch(html, /<img/);
  // <title>, h1, meta, h2, contents link, intro, paragraph, column, cell, caption, key, value, alt, figure caption, footer.
  assert.equal(html.split('&lt;img src=x onerror=alert(1)&gt;').length - 1, 15, 'each text slot holds the escaped text');
  assert.match(html, /<section id="a-b">/);
  assert.match(html, /<a href="#a-b">/);
});

test('the page is self-contained: a CSP forbidding fetches, inline CSS, no scripts or external URLs', () => {
  const html = renderPage({ title: 't', sections: [{ id: 's', heading: 'S', blocks: [{ kind: 'chart', svg, alt: 'chart' }] }] });
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.match(html, /<style>/);
  assert.doesNotMatch(html, /<script|<link|src=|@import|url\(http/i);
  assert.match(html, /@media print/);
});

test('section ids are unique and every section is in the table of contents', () => {
  const html = renderPage({ title: 't', sections: [{ id: 'x', heading: 'One', blocks: [] }, { id: 'x', heading: 'Two', blocks: [] }] });
  assert.match(html, /<section id="x">/);
  assert.match(html, /<section id="x-2">/);
  assert.match(html, /href="#x">One<\/a>.*\n.*href="#x-2">Two<\/a>/);
});

test('numeric table columns are right-aligned, missing cells show a dash', () => {
  const html = renderPage({ title: 't', sections: [{ id: 's', heading: 'S', blocks: [{ kind: 'table', columns: ['name', 'value'], rows: [['a', 1], ['b', null]] }] }] });
  assert.match(html, /<th scope="col" class="num">value<\/th>/);
  assert.match(html, /<td>b<\/td><td class="num">–<\/td>/);
});

test('inlined SVG gets per-chart ids and rejects script or non-SVG', () => {
  const a = inlineSvg(svg, 'fig1');
  assert.match(a, /id="fig1-clip1"/);
  assert.match(a, /url\(#fig1-clip1\)/);
  assert.throws(() => inlineSvg('<div>x</div>', 'f'), /expected SVG/);
  assert.throws(() => inlineSvg('<svg><script>alert(1)</script></svg>', 'f'), /script/);
  assert.throws(() => inlineSvg('<svg><rect onclick="x()"/></svg>', 'f'), /script/);
});

// Every chart builder yields Vega-Lite that compiles without warnings and renders to an
// SVG with marks; the palette is the documented colour-blind-safe one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineChart, errorBarChart, scatterChart, barChart, groupedBarChart, stackedBarChart, histogramChart, compileSpec, renderSvg, OKABE_ITO } from '../../src/report/charts/index.js';
import { textWidth } from '../../src/report/charts/measure.js';

const line = lineChart({ title: 'Loss', xTitle: 'epoch', yTitle: 'loss (nats)', xInteger: true, points: true, seriesTitle: 'run', data: [1, 2, 3].flatMap((e) => [{ series: 'a', x: e, y: 1 / e }, { series: 'b', x: e, y: 1.2 / e }]), references: [[{ x: 1, y: 0.2 }, { x: 3, y: 0.2 }]], baselines: [{ series: 'a', value: 0.5 }] });

const specs = {
  line,
  logLine: lineChart({ title: 'Gradient', xTitle: 'length', yTitle: 'norm', yScale: 'log', data: [{ series: 'r', x: 0, y: 1e-2 }, { series: 'r', x: 1, y: 1e-3 }] }),
  errorBar: errorBarChart({ title: 'Delete k', xTitle: 'k', yTitle: 'error (%)', seriesTitle: 'model', data: [1, 2, 3].flatMap((k) => [{ series: 'ResNet', x: k, mean: k, sd: 0.3 }, { series: 'plain', x: k, mean: 9 * k, sd: 1 }]), baselines: [{ series: 'ResNet', value: 0.5 }, { series: 'plain', value: 0.7 }] }),
  scatter: scatterChart({ title: 'Tau', xTitle: 'Kendall τ', yTitle: 'error (%)', data: [{ series: 'a', x: 0.1, y: 2 }, { series: 'b', x: 0.5, y: 3 }] }),
  bar: barChart({ title: 'Events', labelTitle: 'domain', valueTitle: 'events (count)', valueFormat: '~s', data: [{ label: 'logon', value: 2e6, sd: 1e5 }, { label: 'http', value: 3e7 }], horizontal: true }),
  grouped: groupedBarChart({ title: 'Recall', groupTitle: 'scenario', valueTitle: 'recall (fraction)', seriesTitle: 'method', valueDomain: [0, 1], data: [{ group: '1', series: 'a', value: 0.95, sd: 0.1 }, { group: '1', series: 'b', value: 0.7 }, { group: '2', series: 'a', value: 0.2 }] }),
  stacked: stackedBarChart({ title: 'Contributions', itemTitle: 'user-day', valueTitle: 'contribution (score units)', partTitle: 'domain', data: [{ item: 'u1', part: 'logon', value: 0.3 }, { item: 'u1', part: 'file', value: -0.1 }, { item: 'u2', part: 'logon', value: 0.2 }] }),
  histogram: histogramChart({ title: 'Values', valueTitle: 'value (units)', countTitle: 'count', data: [1, 2, 2, 3, 3, 3, 4.5].map((value) => ({ value })) }),
  discreteHistogram: histogramChart({ title: 'Paths', valueTitle: 'path length', countTitle: 'paths (count)', step: 1, discrete: true, data: [0, 1, 2, 3].map((v) => ({ value: v, weight: [1, 3, 3, 1][v] })) }),
};

for (const [name, spec] of Object.entries(specs)) {
  test(`${name}: compiles without warnings and renders an SVG with marks, a title and axis titles`, async () => {
    const vg = compileSpec(spec) as { marks?: unknown[] };
    assert.ok(vg.marks?.length, 'the Vega spec has marks');
    const svg = await renderSvg(spec);
    assert.match(svg, /^<svg[^>]*viewBox=/, 'an SVG that can scale to its column');
    assert.ok((svg.match(/<path|<rect|<symbol/g) ?? []).length > 5, 'marks are drawn');
    const title = (spec as { title: { text: string } }).title.text;
    assert.ok(svg.includes(`>${title}<`), `title "${title}" is in the SVG`);
    const enc = JSON.stringify(spec);
    assert.doesNotMatch(enc, /"title":""/, 'no empty axis or legend titles');
  });
}

test('charts use the Okabe–Ito palette', async () => {
  const svg = await renderSvg(specs.line);
  assert.ok(svg.toLowerCase().includes(OKABE_ITO[0].toLowerCase()) && svg.toLowerCase().includes(OKABE_ITO[1].toLowerCase()), 'the first two series get the first two palette colours');
});

test('chart text is escaped in the SVG', async () => {
  const svg = await renderSvg(lineChart({ title: 'a <b> & "c"', xTitle: 'x', yTitle: 'y', data: [{ series: '<script>', x: 0, y: 0 }, { series: '<script>', x: 1, y: 1 }] }));
  assert.doesNotMatch(svg, /<script|<b>/);
  assert.match(svg, /a &lt;b&gt; &amp;/);
});

test('a spec that would silently drop a channel is an error, not a quiet chart', () => {
  const bad = { ...specs.line, layer: [{ data: { values: [{ x: 1 }] }, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative', scale: { type: 'log', zero: true } } } }] };
  assert.throws(() => compileSpec(bad as never), /Vega-Lite warnings for "Loss"/);
});

test('text widths: bold is wider, and a typical label is far below Vega’s 0.8 em guess', () => {
  const s = 'validation PR-AUC';
  assert.ok(textWidth(s, 12, true) > textWidth(s, 12, false));
  assert.ok(textWidth(s, 12, false) < 0.8 * 12 * s.length * 0.85);
  assert.ok(textWidth('τ ±', 12, false) > 0);
});

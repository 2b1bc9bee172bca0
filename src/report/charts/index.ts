// Chart builders (plain data → Vega-Lite spec) and the server-side SVG renderer.
export { lineChart, errorBarChart, scatterChart, type SeriesPoint, type Reference, type Baseline, type ErrorPoint } from './lines.js';
export { barChart, groupedBarChart, stackedBarChart, histogramChart } from './bars.js';
export { renderSvg, compileSpec } from './render.js';
export { OKABE_ITO } from './theme.js';

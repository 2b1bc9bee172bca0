// Chart builders (plain data → Vega-Lite spec) and the server-side SVG renderer.
export { lineChart, errorBarChart, scatterChart, type SeriesPoint, type Reference, type Baseline, type ErrorPoint } from './lines.js';
export { barChart, groupedBarChart, stackedBarChart, histogramChart } from './bars.js';
export { renderSvg, compileSpec } from './render.js';
export { OKABE_ITO } from './theme.js';
export { dotPlot, type DotRow } from './dots.js';
export { cdDiagram } from './cd.js';
export { seriesStyles, legendGroups, styleChannels, methodKind, twinOf, KIND_NOTE, KIND_SHORT, MAX_LEGEND_SERIES, type SeriesStyle, type MethodKind } from './styles.js';

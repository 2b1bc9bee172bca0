// The report room's entry points: ReportData → one self-contained HTML page.
import type { ReportData } from './types.js';
import { buildSections } from './sections.js';
import { renderPage } from './html.js';
import { FUTURE_CONTEXT_TAG } from '../rundir/files.js';

export type * from './types.js';
export { loadRuns, loadCompare, loadAnalysis, FormatError, type LoadedRun } from './load.js';
export { reportData } from './summarize.js';
export { loadContest } from './loadContest.js';
export { renderSvg } from './charts/index.js';

export interface RenderedReport {
  html: string;
  sections: string[];
  charts: number;
}

export async function renderReport(d: ReportData): Promise<RenderedReport> {
  const sections = await buildSections(d);
  const leaky = [...(d.comparison ?? []).map((r) => r.method), ...(d.training ?? []).map((t) => t.name)].filter((m) => m.includes(FUTURE_CONTEXT_TAG.trim()));
  const meta = [
    leaky.length > 0 && `Warning: ${leaky.length} method(s) ran on features with future-looking context columns (--allow-future-context: whether and when a user leaves, from later LDAP snapshots). Their scores are not those of a detector that could run on today's logs.`,
    d.generated && `Generated ${d.generated}`, d.sources?.length && `Sources: ${d.sources.join(', ')}`,
  ].filter((m): m is string => Boolean(m));
  const html = renderPage({ title: d.title, meta, sections, footer: 'Made by reslab. Charts are Vega-Lite, rendered to SVG when the report was built; the page loads nothing.' });
  return { html, sections: sections.map((s) => s.id), charts: sections.reduce((n, s) => n + s.blocks.filter((b) => b.kind === 'chart').length, 0) };
}

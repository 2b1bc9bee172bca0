// Which sections a report has, in reading order: each appears only when its data does.
import type { ReportData } from './types.js';
import type { Section } from './html.js';
import { datasetSection } from './sections/dataset.js';
import { trainingSection } from './sections/training.js';
import { curvesSection, comparisonSection, alertsSection, topAlertsSection } from './sections/detection.js';
import { lesionSection, pathsSection, shatteredSection, rankSection } from './sections/ensemble.js';
import { variantsSection } from './sections/variants.js';
import { contestSections } from './sections/contest.js';
import { claimsSection } from './sections/claims.js';

const has = <T>(xs: T[] | undefined): xs is T[] => Array.isArray(xs) && xs.length > 0;

export async function buildSections(d: ReportData): Promise<Section[]> {
  const out: (Promise<Section> | undefined)[] = [
    d.dataset && datasetSection(d.dataset),
    has(d.comparison) ? comparisonSection(d.comparison, d.scenarios) : undefined,
    has(d.curves) ? curvesSection(d.curves) : undefined,
    has(d.alerts) ? alertsSection(d.alerts) : undefined,
    d.topAlerts && d.topAlerts.rows.length ? topAlertsSection(d.topAlerts) : undefined,
    has(d.training) ? trainingSection(d.training) : undefined,
    has(d.lesion) ? lesionSection(d.lesion) : undefined,
    has(d.paths) ? pathsSection(d.paths) : undefined,
    has(d.shattered) ? shatteredSection(d.shattered) : undefined,
    has(d.rank) ? rankSection(d.rank) : undefined,
    has(d.variants) ? variantsSection(d.variants) : undefined,
    has(d.claims) ? claimsSection(d.claims) : undefined,
  ];
  const contest = d.contest ? contestSections(d.contest) : Promise.resolve([]);
  // A section whose data held nothing drawable is dropped rather than shown empty.
  const sections = [...(await contest), ...(await Promise.all(out.filter((s): s is Promise<Section> => s !== undefined)))];
  return sections.filter((s) => s.blocks.length > 0);
}

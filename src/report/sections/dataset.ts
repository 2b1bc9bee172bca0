// Dataset summary: what the models were trained and tested on.
import type { DatasetSummary } from '../types.js';
import type { Block, Section } from '../html.js';
import { barChart } from '../charts/index.js';
import { count } from '../format.js';
import { chartBlock, present } from './chart.js';
import { HOW_TO_READ } from './howto.js';

export async function datasetSection(d: DatasetSummary): Promise<Section> {
  const facts = present<[string, string | number]>([
    d.release !== undefined && ['release', d.release],
    d.users !== undefined && ['users', count(d.users)!],
    d.days !== undefined && ['days', count(d.days)! + (d.firstDay && d.lastDay ? ` (${d.firstDay} to ${d.lastDay})` : '')],
    d.userDays !== undefined && ['user-days', count(d.userDays)!],
    d.maliciousUserDays !== undefined && ['malicious user-days', count(d.maliciousUserDays)! + (d.userDays ? ` (${((100 * d.maliciousUserDays) / d.userDays).toFixed(3)} %)` : '')],
    ...Object.entries(d.extra ?? {}).map(([k, v]) => [k, v] as [string, string | number]),
  ]);
  const blocks: Block[] = [];
  if (facts.length) blocks.push({ kind: 'keyvalue', items: facts });
  const events = Object.entries(d.eventsPerDomain ?? {});
  if (events.length) {
    blocks.push(
      await chartBlock(
        barChart({ title: 'Events per log domain', data: events.map(([label, value]) => ({ label, value })), labelTitle: 'log domain', valueTitle: 'events (count)', horizontal: true, valueFormat: Math.max(...events.map(([, v]) => v)) >= 1e5 ? '~s' : undefined }),
      ),
      { kind: 'paragraph', text: HOW_TO_READ.events },
    );
  }
  const insiders = Object.entries(d.insidersPerScenario ?? {});
  if (insiders.length) {
    blocks.push(
      await chartBlock(
        barChart({ title: 'Insiders per scenario', data: insiders.map(([s, value]) => ({ label: `scenario ${s}`, value })), labelTitle: 'CERT scenario', valueTitle: 'insiders (count)', horizontal: true }),
      ),
      { kind: 'paragraph', text: HOW_TO_READ.insiders },
      { kind: 'table', columns: ['scenario', 'insiders'], rows: insiders.map(([s, n]) => [s, n]) },
    );
  }
  return { id: 'dataset', heading: 'Dataset', intro: 'The logs the detectors were trained and tested on.', blocks };
}

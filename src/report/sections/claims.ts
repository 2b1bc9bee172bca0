// The papers' claims side by side: every claim the analyses judged (lesions and paths at
// depth, the variant study, shattered gradients, layer rank), each with the paper's own
// figure where the judge states one, reslab's numbers, the rule that turned them into a
// verdict, and the verdict in the one vocabulary (src/analysis/claims.ts).
import type { StudyClaim } from '../types.js';
import type { Block, Section } from '../html.js';
import { HOW_TO_READ } from './howto.js';

const ORDER = ['reproduced', 'partly', 'not reproduced', 'too small to tell'];

export async function claimsSection(claims: StudyClaim[]): Promise<Section> {
  const counts = ORDER.map((v) => [v, claims.filter((c) => c.verdict === v).length] as const).filter(([, n]) => n > 0);
  const blocks: Block[] = [
    { kind: 'paragraph', text: `${claims.length} claims judged: ${counts.map(([v, n]) => `${n} ${v}`).join(', ')}.` },
    {
      kind: 'table',
      columns: ['study', 'claim', 'source', 'the paper', 'here', 'rule', 'verdict'],
      rows: claims.map((c) => [c.study, c.claim, c.source, c.paper ?? '—', c.evidence, c.rule ?? '—', c.verdict]),
    },
    { kind: 'paragraph', text: HOW_TO_READ.claims },
  ];
  return { id: 'claims', heading: 'The papers\' claims, side by side', intro: 'Every claim the analyses judged, with the paper\'s figure beside reslab\'s and the rule between them.', blocks };
}

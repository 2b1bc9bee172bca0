// The contest's verdict sentences live in src/eval/verdict.ts, where the report can reach
// them too; kept here so the contest's modules read as before.
export { rankVerdict, pairVerdict } from '../eval/verdict.js';

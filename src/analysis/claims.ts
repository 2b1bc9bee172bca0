// A claim of the seed papers judged on measured numbers: the one shape and the one verdict
// vocabulary of the three judges (variantClaims, rankClaims, shatteredClaims), so a reader
// meets the same four words in every table. "too small to tell": the study lacks what the
// claim needs (a variant, a ratio, a series) or its nets did not learn enough to judge.
export type Verdict = 'reproduced' | 'partly' | 'not reproduced' | 'too small to tell';

export interface Claim {
  claim: string;
  source: string;
  verdict: Verdict;
  evidence: string;
  /** A stable name for scripts (variant and rank claims). */
  id?: string;
  /** The rule with its thresholds, so a reader can re-judge it. */
  rule?: string;
  /** The paper's own figure for the claim, shown beside reslab's evidence. */
  paper?: string;
}

/** A claim with its id and rule (the variant and rank judges state both). */
export type RuledClaim = Claim & { id: string; rule: string };

/** Every case holds: reproduced; some: partly; none: not reproduced. */
export function verdictOf(ok: boolean[]): Verdict {
  return ok.every(Boolean) ? 'reproduced' : ok.some(Boolean) ? 'partly' : 'not reproduced';
}

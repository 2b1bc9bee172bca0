// "How to read this" paragraphs under charts, for a reader who has not read the papers
// behind them. Plain explanations of the chart's encoding and of what would count as a
// difference; never a finding (those are computed from the numbers, src/eval/verdict.ts).
const lead = 'How to read this: ';

export const HOW_TO_READ = {
  cd: `${lead}each method sits at its average rank over the worlds (rank 1 = best on a world; an average of 1 means best everywhere). The red bar is the critical difference: two methods whose average ranks differ by less than it cannot be told apart at the 5 % level by Nemenyi's test with this many worlds, and a thick black line joins every such group. Methods joined by a line are tied as far as these worlds can tell; only methods with no line in common differ. The Friedman test asks first whether any method differs from any other at all: if its p-value is above 0.05, read the whole diagram as a tie. More worlds shorten the bar.`,
  worldDots: `${lead}one panel per world, its methods sorted best first. The dot is the method's mean over seeds; the whisker is the 95 % bootstrap interval of that mean, from resampling the test users (a user's days stay together). When two methods' whiskers overlap a lot, that world alone cannot separate them; the ranks above pool all worlds. Filled marks are residual models; hollow ones are plain twins (in their residual model's colour) and baselines.`,
  worldDotsAgain: `${lead}as the chart above, for the share of each world's test insiders who appear among the 5 highest-scoring user-days of at least one day. A method can lead by PR-AUC and not here: PR-AUC rewards ranking every malicious day high, this rewards finding each insider once.`,
  versus: (a: string, b: string) => `${lead}each row is a world. The dot is ${a}'s figure minus ${b}'s, averaged over the paired seeds (same split for both); the whisker is the paired 95 % bootstrap interval of that mean. Right of the dashed zero line ${a} is ahead. A whisker that crosses zero means that world alone cannot tell the two apart; the Wilcoxon test pools every world × seed pair.`,
};

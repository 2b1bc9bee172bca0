// Input checks shared by every metric. A metric over broken input (NaN scores, columns of
// different lengths, one class only) would otherwise return NaN or a confident wrong
// number that ends up in a comparison table; these checks turn that into an error that
// says which row or which column is at fault.

/** Throws unless every column has the same, non-zero length as `scores`. */
export function checkLengths(what: string, scores: ArrayLike<number>, columns: Record<string, ArrayLike<number>>): void {
  if (scores.length === 0) throw new Error(`${what}: no rows (empty input)`);
  for (const [name, col] of Object.entries(columns)) {
    if (col.length !== scores.length) {
      throw new Error(`${what}: ${name} has ${col.length} rows, scores has ${scores.length}`);
    }
  }
}

/** Throws naming the first row whose score is NaN (±Infinity is allowed: it still sorts). */
export function checkScores(what: string, scores: ArrayLike<number>): void {
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) throw new Error(`${what}: score at row ${i} is NaN`);
  }
}

/** Throws naming the first row whose value is not an integer (user and day indices, scenario labels). */
export function checkIntegers(what: string, name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isInteger(values[i])) throw new Error(`${what}: ${name} at row ${i} is ${values[i]}, expected an integer`);
  }
}

export interface ClassCounts { positives: number; negatives: number }

/**
 * Counts positives (label > 0) and negatives (label <= 0), throwing on NaN labels and,
 * when `needBoth`, on input with a single class, where ranking metrics are undefined.
 */
export function countClasses(what: string, labels: ArrayLike<number>, needBoth = true, unit = 'rows'): ClassCounts {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (Number.isNaN(l)) throw new Error(`${what}: label at row ${i} is NaN`);
    if (l > 0) positives++;
  }
  const negatives = labels.length - positives;
  if (needBoth && (positives === 0 || negatives === 0)) {
    const which = positives === 0 ? 'negative' : 'positive';
    throw new Error(`${what} needs both classes: got ${labels.length} ${unit}, all ${which}`);
  }
  return { positives, negatives };
}

/** The usual checks for a (scores, labels) metric, returning the class counts. */
export function checkBinary(what: string, scores: ArrayLike<number>, labels: ArrayLike<number>,
  extra: Record<string, ArrayLike<number>> = {}): ClassCounts {
  checkLengths(what, scores, { labels, ...extra });
  checkScores(what, scores);
  return countClasses(what, labels);
}

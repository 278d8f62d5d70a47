/**
 * Selection (issue 7): passing candidates first, then fewest failures (test failures plus thrown
 * errors), then the shortest code (trimmed length: a simpler solution is easier to review);
 * ties keep the order the candidates were generated in, so the ranking is stable.
 */
export interface Rankable {
  passed: boolean;
  failures: number;
  code: string;
}

export function rankCandidates<T extends Rankable>(candidates: readonly T[]): T[] {
  return candidates
    .map((c, i) => ({ c, i, len: c.code.trim().length }))
    .sort((a, b) => Number(b.c.passed) - Number(a.c.passed) || a.c.failures - b.c.failures || a.len - b.len || a.i - b.i)
    .map((x) => x.c);
}

/**
 * "Did you mean" for commands, flags and AGENTESE paths: optimal-string-alignment distance
 * (Levenshtein plus adjacent transpositions, the commonest typo), with a tolerance that grows
 * with the length of what was typed.
 */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  // Three rolling rows: the transposition step looks two rows back.
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] ?? 0;
}

/**
 * Up to `limit` candidates close to `input`, best first. A candidate also counts as close
 * when one of its dotted tails is (so "principles.health" finds "self.work.principles.health"),
 * or when it starts with what was typed.
 */
export function suggest(input: string, candidates: readonly string[], limit = 3): string[] {
  const typed = input.trim().toLowerCase();
  if (!typed) return [];
  const tolerance = Math.max(1, Math.floor(typed.length / 3));
  const scored: { c: string; score: number }[] = [];
  for (const c of candidates) {
    const lower = c.toLowerCase();
    if (lower === typed) continue;
    let score = editDistance(typed, lower);
    const segments = lower.split('.');
    for (let k = 1; k < segments.length; k++) score = Math.min(score, editDistance(typed, segments.slice(k).join('.')) + 0.5);
    if (lower.startsWith(typed)) score = Math.min(score, 0.25);
    if (score <= tolerance) scored.push({ c, score });
  }
  scored.sort((x, y) => x.score - y.score || x.c.localeCompare(y.c));
  return scored.slice(0, limit).map((s) => s.c);
}

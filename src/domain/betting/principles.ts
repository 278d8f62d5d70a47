/**
 * Principle health (DOMAIN.md section 2): does citing a principle go with bets that hit more
 * often than this person's bets in general? Beta-binomial, shrunk towards the base rate by a
 * prior worth principlePriorStrength bets (4), so one lucky hit does not crown a principle.
 */
import { isHit, isResolved } from './bet';
import type { Bet } from './bet';
import { regularizedIncompleteBeta } from '../math';
import { blameFor, distinctPrinciples, errorRatio, isBullshit } from './outcome';
import { DEFAULT_BETTING_RULES, defaultRulesAt, type BettingRules, type RulesAt } from './rules';

export type PrincipleLabel = 'predictive' | 'discredited' | 'unproven';

export interface PrincipleVerdict {
  alpha: number;
  beta: number;
  /** Posterior mean hit rate of bets citing the principle. */
  health: number;
  /** P(rate_p > r) and P(rate_p < r) under the posterior. */
  pAbove: number;
  pBelow: number;
  label: PrincipleLabel;
}

/**
 * Posterior Beta(1 + kr + h, 1 + k(1 - r) + m), k the rules' principlePriorStrength (4), and a
 * label once P(rate above or below r) reaches principleDecisiveProbability (0.8). When r is
 * exactly 0 or 1 (every resolved bet missed, or every one hit) "better than the base rate" has
 * no contrast to measure: any rate beats 0, so the formula would call every principle
 * predictive. Those cases stay unproven.
 */
export function principleVerdict(counts: { hits: number; misses: number }, baseRate: number, rules: BettingRules = DEFAULT_BETTING_RULES): PrincipleVerdict {
  const k = rules.principlePriorStrength;
  const decisive = rules.principleDecisiveProbability;
  const alpha = 1 + k * baseRate + counts.hits;
  const beta = 1 + k * (1 - baseRate) + counts.misses;
  const pBelow = regularizedIncompleteBeta(baseRate, alpha, beta);
  const pAbove = 1 - pBelow;
  const degenerate = baseRate <= 0 || baseRate >= 1;
  const label: PrincipleLabel = degenerate
    ? 'unproven'
    : pAbove >= decisive
      ? 'predictive'
      : pBelow >= decisive
        ? 'discredited'
        : 'unproven';
  return { alpha, beta, health: alpha / (alpha + beta), pAbove, pBelow, label };
}

export interface PrincipleHealth extends PrincipleVerdict {
  principle: string;
  /** Resolved bets citing it (hits + misses; abandoned bets are misses). */
  n: number;
  hits: number;
  misses: number;
  /** Bets citing it that are still open. */
  open: number;
  /** Sum of the 1/(principles cited) shares of every bullshit bet citing it. */
  blame: number;
}

export interface PrincipleReport {
  /** Hit rate over all resolved bets; 0.5 when none is resolved yet (the prior says nothing). */
  baseRate: number;
  resolved: number;
  principles: PrincipleHealth[];
}

/**
 * Every principle ever cited, most-used first (then by name). Names are compared exactly. A
 * bet's bullshit (its blame) is judged by the rules in force when it was resolved; the
 * verdicts use the rules in force now.
 */
export function principleHealth(bets: readonly Bet[], rulesAt: RulesAt = defaultRulesAt): PrincipleReport {
  const now = rulesAt(Number.POSITIVE_INFINITY);
  const resolved = bets.filter(isResolved);
  const baseRate = resolved.length === 0 ? 0.5 : resolved.filter(isHit).length / resolved.length;
  const tally = new Map<string, { hits: number; misses: number; open: number; blame: number }>();
  for (const bet of bets) {
    const done = isResolved(bet);
    const hit = isHit(bet);
    const rules = done ? rulesAt(bet.resolvedAt ?? 0) : now;
    const bullshit = done && isBullshit(bet.confidence, errorRatio(bet.estimatedHours, bet.actualHours ?? 0, bet.completed === true, rules.minEstimateHours), rules);
    const blame = blameFor(bet.principles, bullshit);
    for (const p of distinctPrinciples(bet.principles)) {
      const t = tally.get(p) ?? { hits: 0, misses: 0, open: 0, blame: 0 };
      if (!done) t.open++;
      else if (hit) t.hits++;
      else t.misses++;
      t.blame += blame[p] ?? 0;
      tally.set(p, t);
    }
  }
  const principles = [...tally.entries()].map(([principle, t]) => ({
    principle,
    n: t.hits + t.misses,
    hits: t.hits,
    misses: t.misses,
    open: t.open,
    blame: t.blame,
    ...principleVerdict(t, baseRate, now),
  }));
  principles.sort((a, b) => b.n + b.open - (a.n + a.open) || a.principle.localeCompare(b.principle));
  return { baseRate, resolved: resolved.length, principles };
}

/** How many bets cite each principle (exact names), for autocomplete ranking. */
export function principleUsage(bets: readonly Bet[]): Map<string, number> {
  const usage = new Map<string, number>();
  for (const bet of bets) for (const p of distinctPrinciples(bet.principles)) usage.set(p, (usage.get(p) ?? 0) + 1);
  return usage;
}

/**
 * Known principles matching what is being typed, case-insensitively: names starting with the
 * prefix first, then names containing it; within each, most-used first. Spellings that differ
 * only in case are offered once, in their most-used spelling, to steer towards one name.
 * `known` is either usage counts or a list of citations (a repeat counts as a use).
 */
export function suggestPrinciples(
  prefix: string,
  known: ReadonlyMap<string, number> | Iterable<string>,
  limit = 8,
): string[] {
  const counts = known instanceof Map ? (known as ReadonlyMap<string, number>) : countCitations(known as Iterable<string>);
  const byKey = new Map<string, { name: string; uses: number; best: number }>();
  for (const [name, uses] of counts) {
    const trimmed = name.trim();
    if (trimmed === '') continue;
    const key = trimmed.toLowerCase();
    const entry = byKey.get(key) ?? { name: trimmed, uses: 0, best: -1 };
    entry.uses += uses;
    if (uses > entry.best) {
      entry.best = uses;
      entry.name = trimmed;
    }
    byKey.set(key, entry);
  }
  const needle = prefix.trim().toLowerCase();
  return [...byKey.entries()]
    .map(([key, e]) => ({ ...e, rank: key.startsWith(needle) ? 0 : key.includes(needle) ? 1 : 2 }))
    .filter((e) => e.rank < 2)
    .sort((a, b) => a.rank - b.rank || b.uses - a.uses || a.name.localeCompare(b.name))
    .slice(0, Math.max(0, limit))
    .map((e) => e.name);
}

function countCitations(names: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return counts;
}

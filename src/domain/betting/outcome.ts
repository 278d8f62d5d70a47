import { DEFAULT_BETTING_RULES, type BettingRules } from './rules';

/**
 * The rules of DOMAIN.md section 2 that turn one resolved bet into numbers: error ratio,
 * bullshit, credibility step, fair-odds payout, blame and scar severity. Each is a small
 * function so the UI can preview exactly what settlement will later do. The numbers are the
 * constitution's bettingRules in force (the defaults of DOMAIN.md when none is given).
 */

/**
 * |actual - estimated| / max(estimated, 0.1); the 0.1h floor stops a 1-minute estimate from
 * turning every overrun into a huge ratio. An abandoned task's hours are censored: it would
 * have taken at least that long, so only an overrun already incurred counts (giving up after
 * 1h of a 4h task says nothing about finishing early).
 */
export function errorRatio(estimatedHours: number, actualHours: number, completed = true, minEstimateHours = DEFAULT_BETTING_RULES.minEstimateHours): number {
  const gap = completed ? Math.abs(actualHours - estimatedHours) : Math.max(0, actualHours - estimatedHours);
  return gap / Math.max(estimatedHours, minEstimateHours);
}

/**
 * The seed's rule. It is symmetric: finishing a "90% sure, 8h" task in 2h is as uninformative
 * as taking 16h, so a bullshit bet can also be a hit (it still wins its wager, see payout).
 */
export function isBullshit(confidence: number, ratio: number, rules: BettingRules = DEFAULT_BETTING_RULES): boolean {
  return confidence >= rules.bullshitConfidence && ratio > rules.bullshitErrorRatio;
}

export const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** Bullshit takes precedence over hit/miss: a grossly sandbagged hit still costs the bullshit penalty. */
export function nextCredibility(credibility: number, outcome: { hit: boolean; bullshit: boolean }, rules: BettingRules = DEFAULT_BETTING_RULES): number {
  const step = outcome.bullshit ? -rules.bullshitPenalty : outcome.hit ? rules.hitReward : -rules.missPenalty;
  // Rounded to 1e-12 so that 1 - 0.15 - 0.05 shows as 0.8, not 0.7999999999999999.
  return Math.round(clamp01(credibility + step) * 1e12) / 1e12;
}

/**
 * Fair odds against the adversary: at stated confidence c the expected gain is
 * c * s(1-c)/c - (1-c) * s = 0, so only miscalibration moves tokens. Stated (not effective)
 * confidence sets the odds: the wager is on what the person said.
 */
export function payout(confidence: number, stake: number, hit: boolean): { tokensDelta: number; adversaryDelta: number } {
  const tokensDelta = hit ? (stake * (1 - confidence)) / confidence : -stake;
  return { tokensDelta, adversaryDelta: -tokensDelta };
}

/** Cited principles, trimmed and without repeats, so citing one twice does not double its blame. */
export function distinctPrinciples(principles: readonly string[]): string[] {
  return [...new Set(principles.map((p) => p.trim()).filter((p) => p !== ''))];
}

/** "Blame flows to principles that misled": a bullshit bet shares one unit among its principles. */
export function blameFor(principles: readonly string[], bullshit: boolean): Record<string, number> {
  const cited = distinctPrinciples(principles);
  const blame: Record<string, number> = {};
  if (!bullshit) return blame;
  for (const p of cited) blame[p] = 1 / cited.length;
  return blame;
}

/**
 * Severity of the scar a bullshit bet leaves on each cited principle: min(1, errorRatio / 2).
 * Why: severity should say how far reality landed from a confident claim, and the credibility
 * step (always 0.15) cannot. At the bullshit threshold (ratio 0.5) it is 0.25, the vigilance
 * line of DOMAIN.md section 3, so one fresh bullshit scar alone puts a principle on vigilance;
 * taking three times the estimate (ratio 2) or worse is the maximum, 1. Finishing early caps
 * the ratio at 1, so sandbagging scars at most 0.5: it misleads plans less than an overrun.
 * It is not divided by the number of principles: each was invoked in full to justify the
 * confidence; the sharing lives in `blameFor`.
 */
export function scarSeverity(ratio: number): number {
  return Math.min(1, ratio / 2);
}

export interface StakesPreview {
  /** Confidence x credibility: how much the app believes the stated confidence. */
  effectiveConfidence: number;
  winOnHit: number;
  costOnMiss: number;
  /** Whether the bullshit rule can apply at all (confidence at or above the rules' bullshitConfidence). */
  bullshitApplies: boolean;
  /** Finishing in more hours than this (or fewer than `bullshitBelowHours`) would be bullshit. */
  bullshitAboveHours: number;
  bullshitBelowHours: number;
}

/** What the form shows while a bet is being placed, from the same rules settlement uses. */
export function previewStakes(
  bet: { confidence: number; stake: number; estimatedHours: number },
  credibility: number,
  rules: BettingRules = DEFAULT_BETTING_RULES,
): StakesPreview {
  const margin = rules.bullshitErrorRatio * Math.max(bet.estimatedHours, rules.minEstimateHours);
  return {
    effectiveConfidence: bet.confidence * credibility,
    winOnHit: payout(bet.confidence, bet.stake, true).tokensDelta,
    costOnMiss: bet.stake,
    bullshitApplies: bet.confidence >= rules.bullshitConfidence,
    bullshitAboveHours: bet.estimatedHours + margin,
    bullshitBelowHours: Math.max(0, bet.estimatedHours - margin),
  };
}

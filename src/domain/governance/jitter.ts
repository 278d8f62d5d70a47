import { entriesInCurrentSlice } from './slice';
import type { LogEntry } from '../ledger/logEntry';
import type { Constitution } from './constitution';

/** Adjusted effects of one refit: nudge key -> average marginal effect in percentage points. */
export type RefitEffects = Readonly<Record<string, number>>;

/**
 * Learner jitter (the seed's beta1_lap): the mean absolute change of the adjusted effects
 * between consecutive refits, in percentage points, pooled over every (pair, nudge) where the
 * nudge was estimated in both refits (a nudge seen for the first time has no change to measure).
 * Null when there is nothing to compare.
 */
export function learnerJitter(refits: readonly RefitEffects[]): number | null {
  let sum = 0;
  let count = 0;
  for (let i = 1; i < refits.length; i++) {
    const prev = refits[i - 1] as RefitEffects;
    const next = refits[i] as RefitEffects;
    for (const [nudge, effect] of Object.entries(next)) {
      const before = prev[nudge];
      if (before === undefined || !Number.isFinite(before) || !Number.isFinite(effect)) continue;
      sum += Math.abs(effect - before);
      count++;
    }
  }
  return count === 0 ? null : sum / count;
}

/** Outside the constitution's corridor: this leaves a scar at locus area: learner. */
export function outsideCorridor(jitter: number | null, corridor: { readonly maxPp: number }): boolean {
  return jitter !== null && jitter > corridor.maxPp;
}

/** Refit effects recorded in the current slice (`refit_recorded` entries with an `effects` object). */
export function refitsInSlice(entries: readonly LogEntry[], c: Constitution, now: number): RefitEffects[] {
  return entriesInCurrentSlice(entries, c.slice, now)
    .filter((e) => e.kind === 'refit_recorded')
    .map((e) => e.payload.effects)
    .filter((x): x is RefitEffects => typeof x === 'object' && x !== null && !Array.isArray(x));
}

export function sliceJitter(entries: readonly LogEntry[], c: Constitution, now: number): number | null {
  return learnerJitter(refitsInSlice(entries, c, now));
}

/**
 * The nuisance part of the adjustment set (DOMAIN.md section 1, "Nuisance adjustment"): the
 * model a run was made with, its temperature band and its calendar month, weeks and day. Each enters the
 * adjusted model as one shrunk term, like a nudge that is never reported, so that a model
 * upgrade adopted together with a nudge is not credited to the nudge.
 *
 * These terms live in the same column space as the nudges (EncodedRuns.nudgeKeys), under keys
 * that no nudge key can take: a normalised nudge key is trimmed, so it never starts with a tab.
 */
export type AdjustmentKind = 'model' | 'temperature' | 'month' | 'week' | 'day';
export type ColumnKind = 'nudge' | AdjustmentKind;

const TAB = '\t';

export function adjustmentKey(kind: AdjustmentKind, value: string): string {
  return `${TAB}${kind}${TAB}${value}`;
}

export function isAdjustmentKey(key: string): boolean {
  return key.charCodeAt(0) === 9;
}

export function columnKind(key: string): ColumnKind {
  if (!isAdjustmentKey(key)) return 'nudge';
  return key.slice(1, key.indexOf(TAB, 1)) as AdjustmentKind;
}

/** The value part of an adjustment key ("gpt-4o", "0.3–0.7", "2024-05"). */
export function adjustmentValue(key: string): string {
  return key.slice(key.indexOf(TAB, 1) + 1);
}

/**
 * Temperature bands. Sampling temperature changes outcomes smoothly, and most people use a
 * handful of settings (0, 0.2, 0.7, 1): four bands keep those apart without a term per value.
 */
export function temperatureBand(t: number): string {
  if (t < 0.3) return '0–0.3';
  if (t < 0.7) return '0.3–0.7';
  if (t < 1) return '0.7–1';
  return '1 and above';
}

/** Calendar month (UTC) of an epoch-milliseconds time, "2024-05". */
export function monthOf(at: number): string {
  const d = new Date(at);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;

/**
 * Calendar week (UTC) of an epoch-milliseconds time, on one of two grids: weeks from Monday
 * ("from Mon 2024-05-06") or weeks from Thursday ("from Thu 2024-05-09"). A run is in one week
 * of each; the two half a week apart make the time term a staircase of half-week steps, fine
 * enough for drift that swings within weeks, while each term still holds a week of runs.
 */
export function weekOf(at: number, from: 'Mon' | 'Thu' = 'Mon'): string {
  const d = new Date(at);
  const back = (d.getUTCDay() + (from === 'Mon' ? 6 : 3)) % 7;
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - back * DAY_MS;
  return `from ${from} ${new Date(start).toISOString().slice(0, 10)}`;
}

/** Calendar day (UTC) of an epoch-milliseconds time, "2024-05-06". */
export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The adjustment keys of one run: its model, temperature band, month, weeks and day (those it records). */
export function adjustmentKeys(run: { model?: string; temperature?: number; at: number }): string[] {
  const keys: string[] = [];
  const model = run.model?.trim();
  if (model) keys.push(adjustmentKey('model', model));
  if (typeof run.temperature === 'number' && Number.isFinite(run.temperature)) keys.push(adjustmentKey('temperature', temperatureBand(run.temperature)));
  if (Number.isFinite(run.at)) keys.push(adjustmentKey('month', monthOf(run.at)), adjustmentKey('week', weekOf(run.at, 'Mon')), adjustmentKey('week', weekOf(run.at, 'Thu')), adjustmentKey('day', dayOf(run.at)));
  return keys;
}

/**
 * Prior precision of each kind of term (1 / sd^2 on the log-odds scale):
 * - nudge: sd 1. Prompt tweaks rarely move log-odds by more than 2 (50% -> 88%); the prior keeps
 *   a nudge seen on a few runs from being announced as +40 pp and is negligible with dozens.
 * - model: sd 1.5. Models differ a lot (a stronger model can turn 30% into 80%); a wide prior
 *   lets the data say so, and when a nudge is adopted exactly with a new model the model term
 *   takes most of the shared difference (its prior variance, 2 x 1.5^2 for a difference, is
 *   4.5 times the nudge's), so the nudge's interval stays wide and covers 0.
 * - temperature: sd 1, as a nudge.
 * - month: sd 1. Calendar time stands for drift (tooling, test suites, habits), usually a few
 *   tenths of log-odds a month, but a new test suite or CI can move it by more. As wide as a
 *   nudge's: a nudge adopted exactly when things changed then gets no more than its share of
 *   the change, and its interval stays wide (a narrower month prior would hand it two thirds).
 * - week: sd 1.4 for each of a run's two weeks (weekOf), deviations from its month's term.
 *   Drift is continuous, not a step on each month's first day: a base rate that rises through
 *   a month, or swings over a few weeks, is invisible to month terms, and a nudge whose use
 *   follows it inside the month takes the credit. Measured on worlds written apart from the learner
 *   (test/bench/learn/outside.ts, "adopted along a drift": a placebo used in step with a
 *   23-day swing of +-0.8 log-odds, 1,000 runs): called an effect in 49% of worlds with month
 *   terms alone, 20% with one week grid at sd 1, 7% (8 of 120) with the two grids at sd 1.4.
 *   At 10,000 runs the swing inside half a week still shows (6 of 24 called). A week holds
 *   enough runs to be estimated where that matters; where it does not, the prior keeps it
 *   near its month.
 * - day: sd 0.6, a deviation from its weeks. Half-week steps still leave drift that moves within
 *   a few days to a nudge whose use follows it: on "adopted along a drift" (outside.ts, a
 *   23-day swing of +-0.8 log-odds) at 10,000 runs, weeks alone covered the truth in 87.5% of
 *   intervals and called the placebo in 6 of 24 worlds; with day terms 97.9% and 1 of 24. With
 *   few runs a day the prior keeps each day near its weeks. The placebo refuter's cells leave
 *   days out (placebo.ts).
 */
export const PRIOR_PRECISION: Readonly<Record<ColumnKind, number>> = {
  nudge: 1,
  model: 1 / 2.25,
  temperature: 1,
  month: 1,
  week: 1 / 2,
  day: 1 / 0.36,
};

/** Per-column prior precisions for a key list, with the nudge precision given. */
export function columnPenalties(keys: readonly string[], nudge = PRIOR_PRECISION.nudge): Float64Array {
  return Float64Array.from(keys, (k) => {
    const kind = columnKind(k);
    return kind === 'nudge' ? nudge : PRIOR_PRECISION[kind];
  });
}

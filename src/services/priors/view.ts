import { rankEffects, type AdjustedEstimate, type AdjustmentSummary, type EffectClass } from '../../domain/learning/adjusted';
import { adjustmentValue, columnKind } from '../../domain/learning/adjustment';
import type { FlakyHandling } from '../../domain/learning/encode';
import { DEFAULT_PRIOR_COUNT, priorLines, renderLearnedPriors } from '../../domain/learning/priors';
import type { Checks } from '../../domain/learning/refute';
import type { RawEstimate } from '../../domain/learning/raw';
import type { FitInfo, LearningCurve } from '../../learner/port';
import type { LearnerState, RefitState } from './session';
import { notClaimedWhy } from './why';

/** The raw columns of one nudge (DOMAIN.md: Beta posteriors with and without it). */
export interface RawPriorRow {
  key: string;
  label: string;
  withPasses: number;
  withN: number;
  withoutPasses: number;
  withoutN: number;
  meanWith: number;
  meanWithout: number;
  effect: number;
  pBeneficial: number;
}

/** The adjusted columns: average marginal effect in percentage points with its 95% interval. */
export interface AdjustedCell {
  nWith: number;
  nWithout: number;
  /** Specs it is learned within (runs with and without it, passed and failed). */
  informativeSpecs: number;
  ame: number;
  lo: number;
  hi: number;
  classification: EffectClass;
  /** Refutation checks of a beneficial or harmful claim (null otherwise, or not run yet). */
  checks: Checks | null;
}

/** What every adjusted effect is adjusted for, in words the page shows. */
export interface AdjustedFor {
  /** Specs with both outcomes (where effects are learned), and specs that say nothing. */
  specs: number;
  uninformativeSpecs: number;
  models: string[];
  temperatures: string[];
  months: string[];
  /** Week terms (two grids, half a week apart; adjustment.ts weekOf). */
  weeks: number;
  /** Day terms (adjustment.ts dayOf). */
  days: number;
  /** Empirical-Bayes spread of spec difficulty, log-odds sd. */
  specSd: number;
}

export interface PriorRow extends RawPriorRow {
  /** Absent until the first fit (or for a nudge the fit has not seen yet). */
  adjusted?: AdjustedCell;
  /** Why it is neither "Do" nor "Avoid", when it is not (why.ts). */
  why?: string;
}

/** An entry of the "Do" / "Avoid" lists. */
export interface RankedPrior extends AdjustedCell {
  key: string;
  label: string;
}

/** One line of the prompt block and the nudge whose runs it rests on. */
export interface PromptLine {
  text: string;
  key: string;
}

export interface PriorsView {
  status: 'loading' | 'ready' | 'error';
  runs: number;
  learnedRuns: number;
  flakyRuns: number;
  handling: FlakyHandling;
  /** Many runs are being read; `loadedRuns` so far. */
  reading: boolean;
  loadedRuns: number;
  rows: PriorRow[];
  ranked: { beneficial: RankedPrior[]; harmful: RankedPrior[] };
  promptBlock: string;
  promptLines: PromptLine[];
  /** Do/Avoid claims left out of the prompt block, and why. */
  withheld: { key: string; label: string; reasons: string[] }[];
  adjustedFor: AdjustedFor | undefined;
  fit: FitInfo | undefined;
  refit: RefitState;
  curve: LearningCurve | undefined;
  error?: string;
}

export function rawRow(e: RawEstimate, label: string): RawPriorRow {
  return {
    key: e.nudge,
    label,
    withPasses: e.with.passes,
    withN: e.with.runs,
    withoutPasses: e.without.passes,
    withoutN: e.without.runs,
    meanWith: e.with.mean,
    meanWithout: e.without.mean,
    effect: e.effect,
    pBeneficial: e.pBeneficial,
  };
}

function cell(e: AdjustedEstimate): AdjustedCell {
  return { nWith: e.nWith, nWithout: e.nWithout, informativeSpecs: e.informativeSpecs, ame: e.ame, lo: e.lo, hi: e.hi, classification: e.classification, checks: e.checks };
}

export function adjustedFor(a: AdjustmentSummary): AdjustedFor {
  const of = (kind: string) => a.terms.filter((k) => columnKind(k) === kind).map(adjustmentValue).sort();
  return {
    specs: a.conditionalSpecs + a.profiledSpecs,
    uninformativeSpecs: a.uninformativeSpecs,
    models: of('model'),
    temperatures: of('temperature'),
    months: of('month'),
    weeks: of('week').length,
    days: of('day').length,
    specSd: a.specSd,
  };
}

/** Only claims that passed every refutation check become priors (DOMAIN.md "Refutation"). */
export function injectable<T extends { checks: Checks | null }>(list: readonly T[]): T[] {
  return list.filter((e) => e.checks?.prior === true);
}

/**
 * Raw and adjusted estimates joined by nudge, the ranked lists and the prompt block, with
 * each nudge's label. Rows are ordered by the adjusted effect (the headline), best first;
 * nudges not yet fitted follow, by raw effect.
 */
export function buildPriorsView(state: LearnerState, labels: ReadonlyMap<string, string>): PriorsView {
  const snap = state.snapshot;
  const labelOf = (key: string) => labels.get(key) ?? key;
  const adjusted = new Map((snap?.adjusted ?? []).map((e) => [e.nudge, e]));
  const contrasts = new Map((snap?.contrasts ?? []).map((c) => [c.nudge, c]));
  const rows: PriorRow[] = (snap?.raw ?? []).map((e) => {
    const a = adjusted.get(e.nudge);
    if (!a) return rawRow(e, labelOf(e.nudge));
    const why = notClaimedWhy(a.classification, e, contrasts.get(e.nudge));
    return { ...rawRow(e, labelOf(e.nudge)), adjusted: cell(a), ...(why ? { why } : {}) };
  });
  rows.sort((a, b) => {
    if (a.adjusted && b.adjusted) return b.adjusted.ame - a.adjusted.ame || a.key.localeCompare(b.key);
    if (a.adjusted || b.adjusted) return a.adjusted ? -1 : 1;
    return b.effect - a.effect || a.key.localeCompare(b.key);
  });
  const ranked = rankEffects(snap?.adjusted ?? []);
  const toRanked = (e: AdjustedEstimate): RankedPrior => ({ key: e.nudge, label: labelOf(e.nudge), ...cell(e) });
  const passing = { beneficial: injectable(ranked.beneficial), harmful: injectable(ranked.harmful) };
  const promptBlock = renderLearnedPriors(passing, (k) => labels.get(k), DEFAULT_PRIOR_COUNT);
  // The block lists the top of "Do" then the top of "Avoid", one line each after the heading.
  const shown = [...passing.beneficial.slice(0, DEFAULT_PRIOR_COUNT), ...passing.harmful.slice(0, DEFAULT_PRIOR_COUNT)];
  const lines = priorLines(promptBlock);
  const withheld = [...ranked.beneficial, ...ranked.harmful]
    .filter((e) => e.checks?.prior !== true)
    .map((e) => ({ key: e.nudge, label: labelOf(e.nudge), reasons: e.checks?.reasons ?? ['not checked yet: the checks run with the next full fit'] }));
  return {
    status: state.status,
    runs: snap?.runs ?? 0,
    learnedRuns: snap?.learnedRuns ?? 0,
    flakyRuns: snap?.flakyRuns ?? 0,
    handling: snap?.handling ?? 'include',
    reading: state.reading,
    loadedRuns: state.loadedRuns,
    rows,
    ranked: { beneficial: ranked.beneficial.map(toRanked), harmful: ranked.harmful.map(toRanked) },
    promptBlock,
    promptLines: lines.map((text, i) => ({ text, key: shown[i]!.nudge })),
    withheld,
    adjustedFor: snap?.adjustment ? adjustedFor(snap.adjustment) : undefined,
    fit: snap?.fit,
    refit: state.refit,
    curve: snap?.curve,
    error: state.error,
  };
}

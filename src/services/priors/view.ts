import { rankEffects, type AdjustedEstimate, type EffectClass } from '../../domain/learning/adjusted';
import type { FlakyHandling } from '../../domain/learning/encode';
import { DEFAULT_PRIOR_COUNT, renderLearnedPriors } from '../../domain/learning/priors';
import type { RawEstimate } from '../../domain/learning/raw';
import type { FitInfo, LearningCurve } from '../../learner/port';
import type { LearnerState, RefitState } from './session';

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
  ame: number;
  lo: number;
  hi: number;
  classification: EffectClass;
}

export interface PriorRow extends RawPriorRow {
  /** Absent until the first fit (or for a nudge the fit has not seen yet). */
  adjusted?: AdjustedCell;
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
  return { nWith: e.nWith, nWithout: e.nWithout, ame: e.ame, lo: e.lo, hi: e.hi, classification: e.classification };
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
  const rows: PriorRow[] = (snap?.raw ?? []).map((e) => {
    const a = adjusted.get(e.nudge);
    return a ? { ...rawRow(e, labelOf(e.nudge)), adjusted: cell(a) } : rawRow(e, labelOf(e.nudge));
  });
  rows.sort((a, b) => {
    if (a.adjusted && b.adjusted) return b.adjusted.ame - a.adjusted.ame || a.key.localeCompare(b.key);
    if (a.adjusted || b.adjusted) return a.adjusted ? -1 : 1;
    return b.effect - a.effect || a.key.localeCompare(b.key);
  });
  const ranked = rankEffects(snap?.adjusted ?? []);
  const toRanked = (e: AdjustedEstimate): RankedPrior => ({ key: e.nudge, label: labelOf(e.nudge), ...cell(e) });
  const promptBlock = renderLearnedPriors(ranked, (k) => labels.get(k), DEFAULT_PRIOR_COUNT);
  // The block lists the top of "Do" then the top of "Avoid", one line each after the heading.
  const shown = [...ranked.beneficial.slice(0, DEFAULT_PRIOR_COUNT), ...ranked.harmful.slice(0, DEFAULT_PRIOR_COUNT)];
  const lines = promptBlock ? promptBlock.split('\n').slice(1) : [];
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
    fit: snap?.fit,
    refit: state.refit,
    curve: snap?.curve,
    error: state.error,
  };
}

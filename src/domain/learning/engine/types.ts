import type { AdjustedEstimate, AdjustedState, AdjustmentSummary } from '../adjusted';
import type { EncodedRuns, FlakyHandling } from '../encode';
import type { RawEstimate } from '../raw';
import type { SpecContrast } from '../specContrast';
import type { FailureMode, NudgeContext } from '../../evidence/signature';
import type { LearningCurve } from './curve';

/** What the adjusted estimates rest on right now. */
export interface FitInfo {
  /** none: never fitted; current: fit plus incremental updates; stale: weights changed since. */
  status: 'none' | 'current' | 'stale';
  /** Runs the estimates include (after flaky handling). */
  runs: number;
  /** Runs added one at a time since the last full fit (each a one-step Laplace update). */
  updatesSinceFit: number;
  iterations: number;
  converged: boolean;
  /** Wall time of the last full fit, its refutation checks, and the last incremental update (per batch), in ms. */
  fitMs: number | null;
  refuteMs: number | null;
  updateMs: number | null;
}

/** The learner's answer to "what do we know?", small enough to clone on every change. */
export interface LearnerSnapshot {
  /** Runs the worker holds (every run, flaky or not). */
  runs: number;
  /** Runs the estimators see after the flaky handling. */
  learnedRuns: number;
  flakyRuns: number;
  handling: FlakyHandling;
  raw: RawEstimate[];
  /** Time of the raw pass (one counting pass plus closed forms), ms. */
  rawMs: number;
  adjusted: AdjustedEstimate[] | null;
  /** For nudges clear raw but not adjusted: where they were used (specContrast.ts). */
  contrasts: SpecContrast[];
  /** What the adjusted estimates are adjusted for (null before the first fit). */
  adjustment: AdjustmentSummary | null;
  fit: FitInfo;
  /** True when a full refit would change the answer (no fit yet, stale, or drifted far). */
  needsRefit: boolean;
  curve: LearningCurve;
}

/** A full refit's input, cut from the main worker's memory; `generation`/`epoch` spot stale results. */
export interface RefitJob {
  enc: EncodedRuns;
  warm: AdjustedState | undefined;
  generation: number;
  epoch: number;
  /** Runs of the log the job covers (the runs after it are replayed as updates on adoption). */
  through: number;
}

export interface RefitResult {
  state: AdjustedState;
  /** The fit's time and the refutation checks' (refute.ts), ms. */
  ms: number;
  refuteMs: number;
}

export interface FailureModesSnapshot {
  runs: number;
  /** Runs with at least one failure message. */
  runsWithMessages: number;
  /** Distinct signatures in all. */
  totalModes: number;
  /** The top modes (see MAX_MODES in engine). */
  modes: FailureMode[];
  /** Per nudge key, its over-represented modes (lift > 1), best first. */
  contexts: { nudge: string; contexts: NudgeContext[] }[];
  ms: number;
}

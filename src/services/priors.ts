import { DomainError } from '../domain/errors';
import type { FlakyHandling } from '../domain/learning/encode';
import { inProcessLearner } from '../learner/inProcess';
import { workerLearner } from '../learner/client';
import { openFeedWorker } from '../learner/importClient';
import type { LearnerPort } from '../learner/port';
import { observeNudges } from '../store/runsRepo';
import type { Live } from '../store/live';
import { firstValue } from './firstValue';
import { PriorsSession, type LearnerState } from './priors/session';
import { buildPriorsView, type PriorsView } from './priors/view';
import { setFlakyHandling as storeFlakyHandling } from './priors/settings';

export type { PriorsView, PriorRow, RankedPrior, PromptLine, RawPriorRow, AdjustedCell, AdjustedFor } from './priors/view';
export type { Checks as PriorChecks } from '../domain/learning/refute';
export { RefitStoppedError, type RefitState } from './priors/session';
export type { CurvePoint, LearningCurve, FitInfo } from '../learner/port';
export { FLAKY_HANDLINGS } from './priors/settings';
export type { FlakyHandling } from '../domain/learning/encode';

let session: PriorsSession | undefined;

/** The page's one learner session, started on first use and kept (the worker holds the model). */
export function priorsSession(): PriorsSession {
  // In a browser the runs are read and packed in a worker (openFeedWorker), never on the page.
  session ??= new PriorsSession(defaultPort(), { feed: typeof Worker === 'undefined' ? undefined : openFeedWorker }).start();
  return session;
}

function defaultPort(): LearnerPort {
  return typeof Worker === 'undefined' ? inProcessLearner() : workerLearner();
}

/** Combines a learner session's state with the nudges' labels into the Priors page's view. */
export function priorsViewOf(source: Live<LearnerState>): Live<PriorsView> {
  return {
    subscribe(observer) {
      // Nothing until the labels are read too, or the first view would name nudges by their keys.
      let labels: Map<string, string> | undefined;
      let state: LearnerState | undefined;
      const push = () => state && labels && observer.next?.(buildPriorsView(state, labels));
      const a = observeNudges().subscribe({
        next: (rows) => {
          labels = new Map(rows.map((r) => [r.key, r.label]));
          push();
        },
        error: (e) => observer.error?.(e),
      });
      const b = source.subscribe({
        next: (s) => {
          state = s;
          push();
        },
        error: (e) => observer.error?.(e),
      });
      return { unsubscribe: () => (a.unsubscribe(), b.unsubscribe()) };
    },
  };
}

/** Raw and adjusted estimates per nudge, the ranked lists and the prompt block, live. */
export function priorsView(): Live<PriorsView> {
  return priorsViewOf(priorsSession().live());
}

/**
 * The priors as they stand once the learner has read every run and its estimates are fitted
 * (refitting first when they lag behind the evidence), with the nudges' labels.
 */
export async function currentPriors(): Promise<PriorsView> {
  return viewWithLabels(await priorsSession().upToDate('auto'));
}

async function viewWithLabels(state: LearnerState): Promise<PriorsView> {
  const labels = await firstValue(observeNudges());
  return buildPriorsView(state, new Map(labels.map((r) => [r.key, r.label])));
}

/** Starts a full refit (progress shows in the view); resolves when it is over. */
export function refitPriors(): Promise<void> {
  return priorsSession().refit('person');
}

/**
 * A full refit a person asked for, started once any read or refit in progress is over
 * (refitPriors does nothing while the learner is still reading); resolves with the view it
 * leaves, whose `fit` holds the figures. Throws RefitStoppedError when it is cancelled or fails.
 */
export async function refitPriorsNow(): Promise<PriorsView> {
  return viewWithLabels(await priorsSession().refitNow('person'));
}

/** What a governed refit publishes: the adjusted effects (average marginal effects, pp). */
export interface PublishedPriors {
  runs: number;
  /** Runs the fit saw after the flaky handling. */
  learnedRuns: number;
  effects: Record<string, number>;
}

/**
 * A full refit on all evidence (after any read or refit in progress), then its adjusted
 * effects rounded to 0.01 pp: the numbers learner jitter is measured on (DOMAIN.md §4).
 */
export async function refitAndPublish(): Promise<PublishedPriors> {
  const state = await priorsSession().refitNow('auto');
  const snap = state.snapshot;
  const effects = Object.fromEntries((snap?.adjusted ?? []).map((e) => [e.nudge, Math.round(e.ame * 100) / 100]));
  return { runs: snap?.runs ?? 0, learnedRuns: snap?.learnedRuns ?? 0, effects };
}

export function cancelRefit(): void {
  priorsSession().cancelRefit();
}

export function setFlakyHandling(handling: FlakyHandling): Promise<void> {
  return storeFlakyHandling(handling);
}

/** Puts the prompt block on the clipboard (the caller is the click handler: browsers require a gesture). */
export async function copyPromptBlock(text: string): Promise<void> {
  if (!text) throw new NothingToCopyError();
  await navigator.clipboard.writeText(text);
}

export class NothingToCopyError extends DomainError {
  constructor() {
    super('there are no learned priors to copy yet: no nudge is clearly beneficial or harmful', 'NothingToCopyError');
  }
}

// runsWithNudge (the Evidence page's filter) lives in services/evidence.ts: importing it from
// here put the whole learner on the Evidence page.

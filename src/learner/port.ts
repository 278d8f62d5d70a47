import type { FlakyHandling } from '../domain/learning/encode';
import type { RunBatch } from '../domain/learning/engine/batch';
import type { FailureModesSnapshot, LearnerSnapshot } from '../domain/learning/engine/types';

export type { RunBatch, PackedMessages } from '../domain/learning/engine/batch';
export type { FailureModesSnapshot, FitInfo, LearnerSnapshot } from '../domain/learning/engine/types';
export type { CurvePoint, LearningCurve } from '../domain/learning/engine/curve';

/**
 * What the page needs from a learner, whether it lives in workers (the browser) or on the
 * calling thread (Node tests). Batches are transferred: the caller must not touch them again.
 */
export interface LearnerPort {
  reset(handling: FlakyHandling): Promise<void>;
  setHandling(handling: FlakyHandling): Promise<void>;
  /** New runs; `update` lets a fitted model absorb them now (false during a first bulk load). */
  append(batch: RunBatch, update: boolean): Promise<void>;
  snapshot(): Promise<LearnerSnapshot>;
  failureModes(): Promise<FailureModesSnapshot>;
  /**
   * A full refit with progress in [0, 1]. Resolves true when its result was adopted, false when
   * there was nothing to fit or the evidence was replaced meanwhile; rejects with
   * CancelledError when the signal aborts.
   */
  refit(onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<boolean>;
}

import { adjustedEstimates, fitAdjusted, type AdjustedState } from '../adjusted';
import { Progress, type OnProgress, type ShouldCancel } from '../cancel';
import type { EncodedRuns } from '../encode';
import { refute } from '../refute';
import type { RefitResult } from './types';

/**
 * One full adjusted fit, then the refutation checks of its claims (refute.ts), each timed. In
 * the browser this runs in a worker of its own (see client.ts).
 */
export function runFit(enc: EncodedRuns, warm: AdjustedState | undefined, onProgress?: OnProgress, shouldCancel?: ShouldCancel): RefitResult {
  const started = performance.now();
  const progress = new Progress(onProgress, shouldCancel);
  // The covariance is kept for the incremental updates that follow (adjustedUpdate.ts), at the fit's cost.
  const state = fitAdjusted(enc, { warmStart: warm, shouldCancel, keepCovariance: true }, (f) => progress.report(0.9 * f));
  const fitted = performance.now();
  refute(enc, state, adjustedEstimates(state));
  progress.report(1);
  return { state, ms: fitted - started, refuteMs: performance.now() - fitted };
}

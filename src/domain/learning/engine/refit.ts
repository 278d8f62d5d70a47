import { fitAdjusted, type AdjustedState } from '../adjusted';
import type { OnProgress, ShouldCancel } from '../cancel';
import type { EncodedRuns } from '../encode';
import type { RefitResult } from './types';

/** One full adjusted fit, timed. In the browser this runs in a worker of its own (see client.ts). */
export function runFit(enc: EncodedRuns, warm: AdjustedState | undefined, onProgress?: OnProgress, shouldCancel?: ShouldCancel): RefitResult {
  const started = performance.now();
  const state = fitAdjusted(enc, { warmStart: warm, shouldCancel }, onProgress);
  return { state, ms: performance.now() - started };
}

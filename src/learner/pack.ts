import { runMessages } from '../domain/evidence/signature';
import type { Run } from '../domain/evidence/run';
import { encodeRuns } from '../domain/learning/encode';
import { packMessages, type RunBatch } from '../domain/learning/engine/batch';
import type { FlakyTracker } from './flakyTracker';

/**
 * Runs (as read from the store) to a batch for the learner: encoded at full weight, with
 * times, flaky flags from the tracker and failure messages. `first` is the index the worker
 * will give the first of these runs (runs are numbered in the order they are sent).
 */
export function packRuns(runs: readonly Run[], tracker: FlakyTracker, first: number): RunBatch {
  const { encoded } = encodeRuns(runs, { flaky: 'include' });
  const flaky = new Uint8Array(runs.length);
  const became: number[] = [];
  runs.forEach((run, i) => {
    const r = tracker.add(run, first + i);
    if (r.flaky) flaky[i] = 1;
    for (const j of r.became) {
      // A run earlier in this same batch is flagged in place; older ones travel as indices.
      if (j >= first) flaky[j - first] = 1;
      else became.push(j);
    }
  });
  return {
    enc: encoded,
    at: Float64Array.from(runs, (r) => r.at),
    flaky,
    becameFlaky: Int32Array.from(became),
    messages: packMessages(runs.map(runMessages)),
  };
}

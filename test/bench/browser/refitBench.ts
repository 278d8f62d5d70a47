import * as Comlink from 'comlink';
import { spawnLearner, workerLearner } from '../../../src/learner/client';
import { packRuns } from '../../../src/learner/pack';
import { FlakyTracker } from '../../../src/learner/flakyTracker';
import type { SynthApi } from './synth.worker';

export interface RefitResult {
  runs: number;
  nudges: number;
  /** One raw counting pass (rawEstimates) in the learner worker, ms. */
  countMs: number;
  /** The full adjusted fit in the refit worker, ms; and the refit as the page waits for it (transfers included). */
  fitMs: number;
  wallMs: number;
  /** The refutation checks (placebo permutations, halves, heterogeneity) run after the fit, before the page has the result, ms. */
  refuteMs: number;
  /** The refit a person asks for later (warm-started from the current model, as the app does). */
  warmFitMs: number;
  iterations: number;
  converged: boolean;
  /** Median time to absorb one new run incrementally in the learner worker, ms. */
  updateMs: number;
  window: [number, number];
}

/**
 * A full adjusted refit on synthetic evidence, through the app's own learner client: the main
 * learner worker holds the runs, a throwaway worker fits, the page only forwards buffers.
 */
export async function refitBench(n: number, nudges: number, specs: number, perRun: number, log: (s: string) => void): Promise<RefitResult> {
  const synthWorker = new Worker(new URL('./synth.worker.ts', import.meta.url), { type: 'module' });
  const synth = Comlink.wrap<SynthApi>(synthWorker);
  log(`generating ${n.toLocaleString('en')} runs x ${nudges} nudges (${perRun} per run) in a worker…`);
  const batch = await synth.make(n, nudges, specs, perRun, 42);
  synthWorker.terminate();
  // A learner worker of its own: the page's shared one holds the import benchmark's runs.
  const learner = spawnLearner('learner-bench');
  const port = workerLearner(learner);
  await port.reset('include');
  await port.append(batch, false);
  const before = await port.snapshot();
  log(`counting pass: ${before.rawMs.toFixed(0)} ms; fitting…`);
  const from = performance.now();
  let shown = 0;
  await port.refit((f) => {
    if (f - shown >= 0.1) {
      shown = f;
      log(`  fit ${Math.round(100 * f)}%`);
    }
  });
  const wallMs = performance.now() - from;
  const fitted = await port.snapshot();
  // One new run at a time, as a person records them.
  const updates: number[] = [];
  const tracker = new FlakyTracker();
  for (let i = 0; i < 15; i++) {
    const one = packRuns([{ id: `new-${i}`, specHash: 'spec 1', nudges: [`nudge ${i}`, `nudge ${i + 7}`], passed: i % 2 === 0, errorMessages: [], testFailures: [], typeErrors: [], source: 'manual', at: 1_800_000_000_000 + i }], tracker, n + i);
    await port.append(one, true);
    updates.push((await port.snapshot()).fit.updateMs ?? Number.NaN);
  }
  log('refit on demand (warm start from the current model)…');
  await port.refit();
  const warmFitMs = (await port.snapshot()).fit.fitMs ?? Number.NaN;
  const to = performance.now();
  learner.worker.terminate();
  updates.sort((a, b) => a - b);
  return {
    runs: n,
    nudges,
    countMs: before.rawMs,
    fitMs: fitted.fit.fitMs ?? Number.NaN,
    wallMs,
    refuteMs: fitted.fit.refuteMs ?? Number.NaN,
    warmFitMs,
    iterations: fitted.fit.iterations,
    converged: fitted.fit.converged,
    updateMs: updates[Math.floor(updates.length / 2)]!,
    window: [from, to],
  };
}
